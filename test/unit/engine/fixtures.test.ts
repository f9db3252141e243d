import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project, RULES, loadConfig } from '../../../server/src/engine';

/**
 * Fixture documents mark the findings they expect on the line where each starts:
 * `<!-- expect: rule-id, rule-id -->` in Markdown, `# expect: rule-id` in front matter.
 * Every finding of every rule must be expected, and every expectation met, so a
 * fixture catches both missed findings and false ones.
 */
const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/rules');
const EXPECT = /(?:<!--|#)\s*expect:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)/;

export function expectationsOf(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (m) for (const id of m[1].split(/\s*,\s*/)) out.push(`${i + 1}:${id}`);
  });
  return out.sort();
}

export function lintFolder(dir: string): Map<string, string[]> {
  const configFile = ['.policylintrc.yaml', '.policylintrc.json'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  const loaded = configFile ? loadConfig(fs.readFileSync(configFile, 'utf8'), pathToFileURL(configFile).toString()) : undefined;
  if (loaded) assert.deepEqual(loaded.problems, [], `config problems in ${configFile}`);
  const project = new Project(loaded?.resolved);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md'));
  for (const f of files) project.upsert(pathToFileURL(path.join(dir, f)).toString(), fs.readFileSync(path.join(dir, f), 'utf8'));
  assert.deepEqual(project.ruleErrors, []);
  const out = new Map<string, string[]>();
  for (const f of files) {
    const findings = project.findings(pathToFileURL(path.join(dir, f)).toString());
    out.set(f, findings.map((x) => `${x.range.start.line + 1}:${x.ruleId}`).sort());
  }
  return out;
}

describe('rule fixtures', () => {
  for (const rule of RULES) {
    const dir = path.join(FIXTURES, rule.id);
    describe(rule.id, () => {
      it('has fixture documents with at least one expected finding of the rule', () => {
        assert.ok(fs.existsSync(dir), `missing fixture folder ${dir}`);
        const all = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).flatMap((f) => expectationsOf(fs.readFileSync(path.join(dir, f), 'utf8')));
        assert.ok(all.some((e) => e.endsWith(`:${rule.id}`)), 'no expectation of this rule: the fixtures could not fail');
      });
      if (!fs.existsSync(dir)) return;
      const actual = lintFolder(dir);
      for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.md'))) {
        it(`${f}: findings are exactly the expected ones`, () => {
          const expected = expectationsOf(fs.readFileSync(path.join(dir, f), 'utf8'));
          assert.deepEqual(actual.get(f), expected);
        });
      }
    });
  }
});
