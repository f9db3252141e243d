import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { unifiedDiff } from '../../../server/src/cli/diff';

const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/**
 * Applies a unified diff to `old` the way `patch` does, checking every context and removed
 * line against the old text and every hunk's line counts; returns the new text.
 */
function applyPatch(old: string, diff: string): string {
  if (diff === '') return old;
  const a = lines(old);
  const d = diff.replace(/\n$/, '').split('\n');
  assert.equal(d[0].slice(0, 4), '--- ');
  assert.equal(d[1].slice(0, 4), '+++ ');
  const out: string[] = [];
  let at = 0;
  let i = 2;
  while (i < d.length) {
    const m = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(d[i++]);
    assert.ok(m, `hunk header expected, got ${d[i - 1]}`);
    const [oldStart, oldLen, newStart, newLen] = m.slice(1).map(Number);
    const from = oldLen ? oldStart - 1 : oldStart;
    assert.ok(from >= at, 'hunks in order, not overlapping');
    while (at < from) out.push(a[at++]);
    assert.equal(out.length, newLen ? newStart - 1 : newStart, 'new start line');
    let seenOld = 0;
    let seenNew = 0;
    while (i < d.length && !d[i].startsWith('@@')) {
      const kind = d[i][0];
      const line = d[i++].slice(1);
      if (kind === '+') {
        out.push(line);
        seenNew++;
        continue;
      }
      assert.equal(a[at], line, `${kind === '-' ? 'removed' : 'context'} line ${at + 1} matches the old text`);
      at++;
      seenOld++;
      if (kind === ' ') {
        out.push(line);
        seenNew++;
      } else assert.equal(kind, '-');
    }
    assert.deepEqual([seenOld, seenNew], [oldLen, newLen], 'hunk line counts');
  }
  while (at < a.length) out.push(a[at++]);
  return out.length ? `${out.join('\n')}\n` : '';
}

/** Length of the longest common subsequence of lines: a minimal diff changes n + m - 2·LCS lines. */
function lcs(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++) row.push(x === b[j] ? prev[j] + 1 : Math.max(prev[j + 1], row[j]));
    prev = row;
  }
  return prev[b.length];
}

const changedLines = (diff: string) => diff.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l)).length;

/** Few distinct lines, so texts repeat lines (blank lines, the same clause) as policy documents do. */
const textLines = fc.array(fc.constantFrom('', 'States must report.', 'Counties may opt out.', '## Optional aspects', '- item', 'x'), { maxLength: 40 });
const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.array(fc.constantFrom('', '[Mandatory] States must report.', 'new line', '- item'), { maxLength: 3 }) });

function edited(base: string[], edits: Array<{ at: number; remove: number; insert: string[] }>): string[] {
  const out = [...base];
  for (const e of edits) out.splice(out.length ? e.at % (out.length + 1) : 0, e.remove, ...e.insert);
  return out;
}

describe('cli: --fix-dry-run diff at scale', () => {
  it('is a correct, minimal patch for random texts with repeated lines', () => {
    fc.assert(
      fc.property(textLines, fc.array(edit, { maxLength: 6 }), (base, edits) => {
        const a = base;
        const b = edited(base, edits);
        const oldText = a.length ? `${a.join('\n')}\n` : '';
        const newText = b.length ? `${b.join('\n')}\n` : '';
        const diff = unifiedDiff(oldText, newText, 'a/x.md', 'b/x.md');
        assert.equal(applyPatch(oldText, diff), newText);
        assert.equal(changedLines(diff), a.length + b.length - 2 * lcs(a, b), 'minimal');
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('a 6 MB document with 50,000 fixes gives a correct patch of exactly the fixed lines', () => {
    // 100,000 lines: a clause and a blank line, again and again (the same line shape, as generated drafts have).
    const a = Array.from({ length: 100_000 }, (_, k) => (k % 2 ? '' : `Jurisdictions must report item ${k % 7} of the quarterly data quality review to the program office by the deadline.`));
    const b = a.map((l, k) => (k % 2 === 0 ? `[Mandatory] ${l}` : l));
    const oldText = `${a.join('\n')}\n`;
    const newText = `${b.join('\n')}\n`;
    assert.ok(oldText.length > 5e6);
    const diff = unifiedDiff(oldText, newText, 'a/big.md', 'b/big.md');
    assert.equal(changedLines(diff), 100_000, 'each fixed line removed once and added once');
    assert.equal(applyPatch(oldText, diff), newText);
  });

  it('past the exact limit (thousands of scattered insertions, deletions and replacements), the patch is still correct and local', () => {
    const a = Array.from({ length: 30_000 }, (_, k) => (k % 3 === 2 ? '' : `Clause ${k % 11}: counties must file form ${k % 5}.`));
    const b: string[] = [];
    a.forEach((l, k) => {
      if (k % 10 === 0) return; // deleted
      if (k % 10 === 3) b.push('<!-- policy-lint-disable-next-line missing-label -- reviewed -->'); // inserted
      b.push(k % 10 === 6 ? `[Optional] ${l}` : l); // replaced
    });
    const oldText = `${a.join('\n')}\n`;
    const newText = `${b.join('\n')}\n`;
    const diff = unifiedDiff(oldText, newText, 'a/x.md', 'b/x.md');
    assert.equal(applyPatch(oldText, diff), newText);
    // 3,000 deletions, 3,000 insertions, 3,000 replacements (each a removal and an addition).
    assert.equal(changedLines(diff), 12_000);
  });

  it('handles texts without a final line break, CRLF line endings and totally different texts', () => {
    assert.equal(applyPatch('a\nb\n', unifiedDiff('a\nb', 'a\nc', 'o', 'n')), 'a\nc\n');
    assert.equal(unifiedDiff('a\r\nb\r\n', 'a\r\nB\r\n', 'o', 'n'), ['--- o', '+++ n', '@@ -1,2 +1,2 @@', ' a', '-b', '+B', ''].join('\n'));
    const a = Array.from({ length: 3000 }, (_, k) => `old ${k}`);
    const b = Array.from({ length: 2000 }, (_, k) => `new ${k}`);
    const diff = unifiedDiff(`${a.join('\n')}\n`, `${b.join('\n')}\n`, 'o', 'n');
    assert.equal(applyPatch(`${a.join('\n')}\n`, diff), `${b.join('\n')}\n`);
    assert.equal(changedLines(diff), 5000);
  });
});
