import { LineIndex } from './text';
import type { Finding, TextEdit } from './types';

/**
 * Applies edits to a text in one pass, in order of position;
 * overlapping edits are skipped (the first wins), so two fixes can never eat each
 * other's words. Returns the new text and how many edits were applied.
 */
export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: number } {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e, i) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText, i }))
;
  // Fixes usually arrive in document order; sort only when they do not.
  if (spans.some((s, k) => k > 0 && byPosition(spans[k - 1], s) > 0)) spans.sort(byPosition);
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
  const pieces: string[] = [];
  let at = 0;
  for (const k of kept) {
    pieces.push(text.slice(at, k.start), k.newText);
    at = k.end;
  }
  pieces.push(text.slice(at));
  return { text: pieces.join(''), applied: kept.length };
}

function byPosition(a: { start: number; end: number; i: number }, b: { start: number; end: number; i: number }): number {
  return a.start - b.start || a.end - b.end || a.i - b.i;
}

/** The safe fix of each finding (at most one per finding). */
export function safeEdits(findings: Finding[]): TextEdit[] {
  return findings.flatMap((f) => f.fixes.find((x) => x.safe)?.edits ?? []);
}
