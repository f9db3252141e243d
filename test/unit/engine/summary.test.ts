import * as assert from 'node:assert/strict';
import { loadConfig, participationSummary, Project } from '../../../server/src/engine';

describe('participation summary', () => {
  it('names a registry program by its registry name, also on its aspects, when no document names it', () => {
    const config = 'programs:\n  - name: Secure Communities\n    status: mandatory\n    aspects:\n      - name: Fingerprint sharing\n        status: mandatory\n';
    const { resolved, problems } = loadConfig(config, 'file:///w/.policylintrc.yaml');
    assert.deepEqual(problems, []);
    const project = new Project(resolved);
    project.upsert('file:///w/outreach.md', 'Fingerprint sharing is optional for counties.\n');
    const rows = participationSummary(project);
    const aspect = rows.find((r) => r.aspect === 'Fingerprint sharing');
    assert.ok(aspect, JSON.stringify(rows));
    assert.equal(aspect.program, 'Secure Communities');
    assert.equal(rows.find((r) => r.key.indexOf('::') < 0 && r.declared)?.program, 'Secure Communities');
  });
});
