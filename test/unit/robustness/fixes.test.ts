import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Project, applyEdits, defaultConfig, safeEdits, type Finding } from '../../../server/src/engine';
import { classifyEdit, isSubsequence, termTable, withLabelWordsAndTermsFolded, withoutLabelsAndTermSpellings } from './support/invariants';
import { policyDoc } from './support/markdown';
import { checkProperty } from './support/runProperty';

const URI = 'file:///work/policies/fix.md';
const config = defaultConfig();
const table = termTable(config);

function findingsOf(text: string): Finding[] {
  const p = new Project();
  p.upsert(URI, text);
  return p.findings(URI);
}

/** Applies safe fixes until none changes the text; returns every text seen. */
export function fixToFixpoint(text: string, maxPasses = 10): string[] {
  const seen = [text];
  for (let pass = 0; pass < maxPasses; pass++) {
    const current = seen[seen.length - 1];
    const next = applyEdits(current, safeEdits(findingsOf(current))).text;
    if (next === current) return seen;
    if (seen.includes(next)) throw new Error(`safe fixes oscillate: pass ${pass + 1} gives back an earlier text`);
    seen.push(next);
  }
  throw new Error(`safe fixes still change the text after ${maxPasses} passes`);
}

describe('robustness: fixes', () => {
  it('a safe fix only inserts a label or respells a term, and removing those gives back the original byte for byte', async () => {
    let withSafe = 0;
    await checkProperty(
      'safe fixes change only labels and term spellings',
      fc.property(policyDoc, ({ text }) => {
        const edits = safeEdits(findingsOf(text));
        if (edits.length) withSafe++;
        for (const e of edits) {
          const kind = classifyEdit(text, e, config, table);
          assert.ok(kind === 'label-insert' || kind === 'term-swap', `a safe fix does ${kind}`);
        }
        const fixed = applyEdits(text, edits).text;
        assert.equal(withoutLabelsAndTermSpellings(fixed, config, table), withoutLabelsAndTermSpellings(text, config, table));
      }),
      200,
    );
    assert.ok(withSafe > 30, `only ${withSafe} documents had safe fixes: the generator does not reach the fixes`);
  });

  it('safe fixes converge within a few passes and never oscillate; the fixed text keeps the original words', async () => {
    let needingSecondPass = 0;
    await checkProperty(
      'safe fixes converge, no oscillation',
      fc.property(policyDoc, ({ text }) => {
        const texts = fixToFixpoint(text, 4);
        if (texts.length > 2) needingSecondPass++;
        const last = texts[texts.length - 1];
        assert.equal(withoutLabelsAndTermSpellings(last, config, table), withoutLabelsAndTermSpellings(text, config, table));
      }),
      200,
    );
    // Informational: a fix may reveal another (a respelt term changes which form is most used).
    if (process.env.ROBUSTNESS_VERBOSE) console.log(`      documents needing more than one pass: ${needingSecondPass}`);
  });

  it('applying every fix, safe or not, one per finding, deletes nothing but label words and term spellings', async () => {
    await checkProperty(
      'all fixes (one per finding) never delete the author\'s words',
      fc.property(policyDoc, fc.nat(), ({ text }, choice) => {
        const findings = findingsOf(text);
        const edits = findings.flatMap((f, i) => (f.fixes.length ? f.fixes[(choice + i) % f.fixes.length].edits : []));
        for (const e of edits) classifyEdit(text, e, config, table);
        const fixed = applyEdits(text, edits).text;
        assert.ok(
          isSubsequence(withLabelWordsAndTermsFolded(text, config, table), withLabelWordsAndTermsFolded(fixed, config, table)),
          `fixed text lost some of the original:\n${JSON.stringify(text)}\n→\n${JSON.stringify(fixed)}`,
        );
      }),
      200,
    );
  });
});
