import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Project } from '../../../server/src/engine';
import { findingSet } from './support/invariants';
import { policyDoc } from './support/markdown';
import { checkProperty } from './support/runProperty';

const URI = 'file:///w/policies/d.md';

function findings(text: string) {
  const p = new Project();
  p.upsert(URI, text);
  return p.findings(URI);
}

/** Prose with no modal, no term and no label: it can add no finding of its own. */
const unrelated = fc.array(fc.constantFrom('An unrelated note.', 'See the appendix for history.', 'Contact the office.'), { minLength: 1, maxLength: 3 }).map((ps) => `${ps.join('\n\n')}\n\n`);

describe('robustness: determinism', () => {
  it('the same text gives the same findings and fingerprints, in a fresh project and in the same one', async () => {
    await checkProperty(
      'same input, same findings',
      fc.property(policyDoc, ({ text }) => {
        const a = findings(text);
        assert.deepEqual(findingSet(findings(text)), findingSet(a));
        const p = new Project();
        p.upsert(URI, text);
        p.upsert(URI, `${text}x`);
        p.upsert(URI, text);
        assert.deepEqual(findingSet(p.findings(URI)), findingSet(a));
      }),
      200,
    );
  });

  it('fingerprints survive paragraphs inserted above; every finding moves down by the inserted lines', async () => {
    await checkProperty(
      'fingerprints independent of line numbers',
      fc.property(policyDoc, unrelated, ({ frontMatter, body, text }, insert) => {
        // Front matter that does not parse as such is body text; insert only after real front matter.
        if (frontMatter && !/\n(---|\.\.\.)[ \t]*(\r\n|\r|\n)$/.test(frontMatter)) return;
        // A body opening with `---` is read as front matter; text inserted above would end that.
        if (!frontMatter && /^\uFEFF?---/.test(body)) return;
        const before = findings(text);
        const after = findings(frontMatter + insert + body);
        const shift = insert.split('\n').length - 1;
        const bodyLine = frontMatter.split(/\r\n|\r|\n/).length - 1;
        const key = (f: (typeof before)[number]) => `${f.ruleId}|${f.fingerprint}`;
        assert.deepEqual(after.map(key).sort(), before.map(key).sort());
        const moved = new Map(after.map((f) => [key(f), f.range.start.line]));
        for (const f of before) {
          const expected = f.range.start.line >= bodyLine ? f.range.start.line + shift : f.range.start.line;
          assert.equal(moved.get(key(f)), expected, `${key(f)} ${f.message}`);
        }
      }),
      200,
    );
  });
});
