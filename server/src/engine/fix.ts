import { LineIndex } from './text';
import type { Finding, TextEdit } from './types';

/**
 * Applies edits to a text. Edits are applied from the end so offsets stay valid;
 * overlapping edits are skipped (the first wins), so two fixes can never eat each
 * other's words. Returns the new text and how many edits were applied.
 */
export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: number } {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e, i) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  const kept: typeof spans = [];
  let lastEnd = -1;
  let lastInsertAt = -1;
  for (const s of spans) {
    if (s.start < lastEnd) continue;
    // Two insertions at one point (two labels for one clause) would both land: keep the first.
    if (s.start === s.end && s.start === lastInsertAt) continue;
    kept.push(s);
    lastEnd = s.end;
    if (s.start === s.end) lastInsertAt = s.start;
  }
  let out = text;
  for (let k = kept.length - 1; k >= 0; k--) out = out.slice(0, kept[k].start) + kept[k].newText + out.slice(kept[k].end);
  return { text: out, applied: kept.length };
}

/** The safe fix of each finding (at most one per finding). */
export function safeEdits(findings: Finding[]): TextEdit[] {
  return findings.flatMap((f) => f.fixes.find((x) => x.safe)?.edits ?? []);
}
