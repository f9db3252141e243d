import type { Finding, Range } from '../engine';
import type { DocumentModel } from '../engine';

export interface IgnoreEdit {
  title: string;
  range: Range;
  /** The text to insert, with `reason` where the author writes why. */
  before: string;
  reason: string;
  after: string;
}

const REASON = 'reason';

/**
 * The suppression comment for one finding, placed where the engine reads it and where
 * it does not change how the document renders:
 * - normally `<!-- policy-lint-disable-next-line RULE -- reason -->` on its own line
 *   above the finding's line, with that line's indentation;
 * - in a table row, `policy-lint-disable-line` after the row (a line above would end the table);
 * - in front matter (where a comment would break the YAML), `policy-lint-disable-file`
 *   on the first line after it.
 */
export function ignoreEdit(model: DocumentModel, finding: Finding): IgnoreEdit {
  const rule = finding.ruleId;
  const line = finding.range.start.line;
  const bodyLine = bodyStartLine(model.text);
  if (line < bodyLine) {
    const at = { line: bodyLine, character: 0 };
    return { title: `Ignore ${rule} in this file`, range: { start: at, end: at }, before: `<!-- policy-lint-disable-file ${rule} -- `, reason: REASON, after: ' -->\n' };
  }
  const text = model.lines.lineText(line);
  if (/^\s*\|.*\|\s*$/.test(text)) {
    const at = { line, character: text.length };
    return { title: 'Ignore this finding', range: { start: at, end: at }, before: ` <!-- policy-lint-disable-line ${rule} -- `, reason: REASON, after: ' -->' };
  }
  const indent = /^[ \t]*/.exec(text)![0];
  const eol = /\r\n/.test(model.text) ? '\r\n' : '\n';
  const at = { line, character: 0 };
  return { title: 'Ignore this finding', range: { start: at, end: at }, before: `${indent}<!-- policy-lint-disable-next-line ${rule} -- `, reason: REASON, after: ` -->${eol}` };
}

/** Zero-based line where the Markdown body starts: after YAML front matter, 0 without it. */
export function bodyStartLine(text: string): number {
  const open = /^\uFEFF?---[ \t]*(\r?\n|\r)/.exec(text);
  if (!open) return 0;
  const rest = text.slice(open[0].length);
  const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(rest);
  if (!close) return 0;
  const upto = text.slice(0, open[0].length + close.index);
  return (upto.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}

/** Escapes literal text for a snippet (`$`, `}` and `\` are special). */
export function snippetEscape(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}
