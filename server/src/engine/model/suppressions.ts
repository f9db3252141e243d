import type { LineIndex } from '../text';
import type { Range } from '../types';

/**
 * Suppression comments, all HTML comments so they never render:
 *   <!-- policy-lint-disable-next-line missing-label -- reason -->
 *   <!-- policy-lint-disable-line missing-label -- reason -->
 *   <!-- policy-lint-disable missing-label, term-variant -- reason -->  …  <!-- policy-lint-enable missing-label -->
 *   <!-- policy-lint-disable-file missing-label -- reason -->
 * A directive names one or more rules and gives a reason after `--`.
 */
export interface Suppression {
  kind: 'next-line' | 'line' | 'block' | 'file';
  rules: string[];
  reason: string;
  /** Lines covered, inclusive; `toLine` is Infinity for an unclosed block or a file directive. */
  fromLine: number;
  toLine: number;
  range: Range;
}

export interface DirectiveProblem {
  range: Range;
  message: string;
}

const DIRECTIVE = /<!--\s*policy-lint-(disable-next-line|disable-line|disable-file|disable|enable)\b([\s\S]*?)-->/g;

export function readSuppressions(text: string, lines: LineIndex, codeLines: Array<[number, number]>, knownRules: Set<string>) {
  const suppressions: Suppression[] = [];
  const problems: DirectiveProblem[] = [];
  const open = new Map<string, Suppression>();
  // Every directive holds both; '<' and '-' are rare in prose, the 'p' of 'policy-lint-' is not.
  if (text.indexOf('<!--') < 0 || text.indexOf('-lint-') < 0) return { suppressions, problems };
  // Directives come in order, so one walk over blank lines serves every directive before them.
  let walkedFrom = -1;
  let walkedTo = -1;
  const nextNonBlank = (from: number): number => {
    if (from >= walkedFrom && from <= walkedTo) return walkedTo;
    let next = from;
    while (next < lines.lineCount - 1 && !lines.lineText(next).trim()) next++;
    walkedFrom = from;
    walkedTo = next;
    return next;
  };
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const range = lines.range(m.index, m.index + m[0].length);
    if (codeLines.some(([s, e]) => range.start.line >= s && range.start.line < e)) continue;
    const [rulePart, ...reasonParts] = m[2].split(/\s--\s?|^--\s?/);
    const rules = rulePart.split(/[\s,]+/).filter(Boolean);
    const reason = reasonParts.join(' -- ').trim();
    const kind = m[1];
    for (const r of rules) if (!knownRules.has(r)) problems.push({ range, message: `Unknown rule \`${r}\` in suppression comment.` });
    if (kind === 'enable') {
      for (const r of rules.length ? rules : [...open.keys()]) {
        const s = open.get(r);
        if (s) {
          s.toLine = range.end.line;
          open.delete(r);
        }
      }
      continue;
    }
    if (!rules.length) {
      problems.push({ range, message: 'Name the rule to suppress, e.g. `policy-lint-disable-next-line missing-label -- reason`.' });
      continue;
    }
    if (!reason) problems.push({ range, message: 'Give a reason after `--`, so reviewers know why this finding is accepted.' });
    const base = { rules, reason, range };
    if (kind === 'disable-file') suppressions.push({ ...base, kind: 'file', fromLine: 0, toLine: Infinity });
    else if (kind === 'disable-line') suppressions.push({ ...base, kind: 'line', fromLine: range.start.line, toLine: range.end.line });
    else if (kind === 'disable-next-line') {
      const next = nextNonBlank(range.end.line + 1);
      suppressions.push({ ...base, kind: 'next-line', fromLine: next, toLine: next });
    } else {
      for (const r of rules) {
        const s: Suppression = { ...base, rules: [r], kind: 'block', fromLine: range.start.line, toLine: Infinity };
        suppressions.push(s);
        open.set(r, s);
      }
    }
  }
  return { suppressions, problems };
}

export function isSuppressed(suppressions: Suppression[], ruleId: string, line: number): boolean {
  for (const s of suppressions) {
    if (line >= s.fromLine && line <= s.toLine && s.rules.includes(ruleId)) return true;
  }
  return false;
}

/**
 * A lookup built once per document: line and next-line directives by line, the few block
 * and file directives scanned. Linear in findings plus suppressions.
 */
export function suppressionIndex(suppressions: Suppression[]): (ruleId: string, line: number) => boolean {
  if (!suppressions.length) return () => false;
  const byLine = new Map<number, Suppression[]>();
  const spans: Suppression[] = [];
  for (const s of suppressions) {
    if ((s.kind === 'line' || s.kind === 'next-line') && s.toLine - s.fromLine < 64) {
      for (let l = s.fromLine; l <= s.toLine; l++) {
        const list = byLine.get(l);
        if (list) list.push(s);
        else byLine.set(l, [s]);
      }
    } else spans.push(s);
  }
  return (ruleId, line) =>
    (byLine.get(line)?.some((s) => s.rules.includes(ruleId)) ?? false) || isSuppressed(spans, ruleId, line);
}
