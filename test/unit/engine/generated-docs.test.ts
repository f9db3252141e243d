import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles } from '../../../scripts/generate-docs';
import { RULES, ruleDocUrl } from '../../../server/src/engine';

const ROOT = path.resolve(__dirname, '../../../..');

describe('generated docs and schema', () => {
  for (const [rel, text] of generatedFiles()) {
    it(`${rel} is up to date (run \`npm run gen\` if not)`, () => {
      const file = path.join(ROOT, rel);
      assert.ok(fs.existsSync(file), `${rel} is missing`);
      assert.equal(fs.readFileSync(file, 'utf8'), text);
    });
  }

  it('every rule has a doc page its diagnostics link to', () => {
    for (const rule of RULES) {
      assert.ok(fs.existsSync(path.join(ROOT, 'docs/rules', `${rule.id}.md`)));
      assert.match(ruleDocUrl(rule.id), new RegExp(`docs/rules/${rule.id}\\.md$`));
    }
  });

  it('rule ids are unique, kebab-case, and every rule documents what it does not flag', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of RULES) {
      assert.match(r.id, /^[a-z]+(?:-[a-z]+)*$/);
      assert.ok(r.docs.notFlagged.length > 0, r.id);
      assert.ok(r.docs.avoid && r.docs.prefer && r.docs.why, r.id);
    }
  });
});

describe('rule doc examples', () => {
  const { Project } = require('../../../server/src/engine') as typeof import('../../../server/src/engine');
  const lint = (text: string) => {
    const p = new Project();
    p.upsert('file:///example.md', text);
    return p.findings('file:///example.md');
  };
  for (const rule of RULES.filter((r) => r.id !== 'participation-contradiction')) {
    it(`${rule.id}: "avoid" is flagged and "prefer" is not`, () => {
      assert.ok(lint(rule.docs.avoid).some((f) => f.ruleId === rule.id), `avoid example not flagged by ${rule.id}`);
      assert.deepEqual(lint(rule.docs.prefer).filter((f) => f.ruleId === rule.id), []);
    });
  }
});
