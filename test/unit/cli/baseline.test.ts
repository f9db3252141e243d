import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyBaseline, type BaselineFile } from '../../../server/src/cli/baseline';
import type { Finding } from '../../../server/src/engine';
import type { JsonFinding } from '../../../server/src/cli/formatters/json';
import { cleanTempDirs, runCli, workspace } from './helpers';

describe('cli: baselines', () => {
  after(cleanTempDirs);

  it('--write-baseline records the current findings and exits 0', async () => {
    const dir = workspace('two-docs');
    const json = JSON.parse((await runCli(['-f', 'json'], dir)).stdout) as JsonFinding[];
    const r = await runCli(['--write-baseline', 'lint/baseline.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Wrote 4 findings to the baseline lint\/baseline\.json/);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'lint', 'baseline.json'), 'utf8')) as BaselineFile;
    assert.equal(baseline.version, 1);
    // Paths are relative to the baseline's folder.
    const expected = json.map((f) => ({ file: `../${f.file}`, ruleId: f.ruleId, fingerprint: f.fingerprint }));
    const key = (e: { file: string; ruleId: string; fingerprint: string }) => `${e.file} ${e.ruleId} ${e.fingerprint}`;
    assert.deepEqual(baseline.findings.map(key).sort(), expected.map(key).sort());
    for (const e of baseline.findings) assert.deepEqual(Object.keys(e), ['file', 'ruleId', 'fingerprint']);
  });

  it('--baseline hides the recorded findings and shows a new one', async () => {
    const dir = workspace('two-docs');
    assert.equal((await runCli(['--write-baseline', 'baseline.json'], dir)).code, 0);

    const quiet = await runCli(['--baseline', 'baseline.json'], dir);
    assert.equal(quiet.code, 0, 'the recorded errors no longer fail the run');
    assert.match(quiet.stdout, /No problems in 2 files/);
    assert.match(quiet.stdout, /4 findings hidden by the baseline/);

    // A new finding, and an unrelated edit above the old ones (line numbers shift, fingerprints do not).
    const guidance = path.join(dir, 'guidance.md');
    fs.writeFileSync(guidance, fs.readFileSync(guidance, 'utf8').replace('# Guidance\n', '# Guidance\n\nIntroductory words.\n\nAgencies should archive the forms.\n'));
    const r = await runCli(['--baseline', 'baseline.json', '-f', 'json'], dir);
    const shown = JSON.parse(r.stdout) as JsonFinding[];
    assert.deepEqual(shown.map((f) => [f.file, f.ruleId, f.line]), [['guidance.md', 'missing-label', 8]]);
    assert.match(shown[0].message, /"should"/);
    assert.equal(r.code, 0, 'a warning does not fail the run');
    const stylish = await runCli(['--baseline', 'baseline.json'], dir);
    assert.match(stylish.stdout, /1 problem \(0 errors, 1 warning\)/);
    assert.match(stylish.stdout, /4 findings hidden by the baseline/);
  });

  it('matches duplicates one for one', () => {
    const finding = (line: number): Finding => ({
      ruleId: 'missing-label',
      severity: 'warning',
      message: 'm',
      uri: pathToFileURL('/w/docs/a.md').href,
      range: { start: { line, character: 0 }, end: { line, character: 1 } },
      fixes: [],
      related: [],
      fingerprint: 'abc123',
    });
    const twice = [finding(1), finding(5)];
    const entry = { file: 'docs/a.md', ruleId: 'missing-label', fingerprint: 'abc123' };
    const one = applyBaseline(twice, { version: 1, findings: [entry] }, '/w/baseline.json');
    assert.equal(one.hidden, 1);
    assert.deepEqual(one.shown, [twice[1]]);
    const both = applyBaseline(twice, { version: 1, findings: [entry, { ...entry, file: './docs/a.md' }] }, '/w/baseline.json');
    assert.equal(both.hidden, 2);
    assert.deepEqual(both.shown, []);
    const otherRule = applyBaseline(twice, { version: 1, findings: [{ ...entry, ruleId: 'label-conflict' }] }, '/w/baseline.json');
    assert.equal(otherRule.hidden, 0);
  });

  it('a clause repeated after the baseline was written is a new finding', async () => {
    const dir = workspace('warnings-only');
    assert.equal((await runCli(['--write-baseline', 'baseline.json'], dir)).code, 0);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8')) as BaselineFile;
    assert.equal(baseline.findings.length, 1);
    fs.appendFileSync(path.join(dir, 'policy.md'), '\nAgencies should publish an annual report.\n');
    const shown = JSON.parse((await runCli(['--baseline', 'baseline.json', '-f', 'json'], dir)).stdout) as JsonFinding[];
    assert.deepEqual(shown.map((f) => f.line), [5]);
  });

  for (const [name, content, pattern] of [
    ['missing', undefined, /--baseline nope\.json: cannot read the baseline \(ENOENT\)/],
    ['not JSON', '{"version": 1, "findings": [', /--baseline nope\.json: the baseline is not valid JSON/],
    ['wrong version', '{"version": 2, "findings": []}', /--baseline nope\.json: unsupported baseline version 2/],
    ['bad entry', '{"version": 1, "findings": [{"file": "a.md", "ruleId": 3}]}', /nope\.json: findings\[0\] must have string `file`, `ruleId` and `fingerprint`/],
  ] as const) {
    it(`a ${name} baseline is an error naming the file (exit 2)`, async () => {
      const dir = workspace('two-docs');
      if (content !== undefined) fs.writeFileSync(path.join(dir, 'nope.json'), content);
      const r = await runCli(['--baseline', 'nope.json'], dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, pattern);
      assert.equal(r.stdout, '');
    });
  }
});
