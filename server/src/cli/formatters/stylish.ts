import type { Finding, Severity } from '../../engine';
import { displayPath } from '../paths';
import { countBySeverity, type Report } from './report';

export interface Colors {
  enabled: boolean;
}

const CODES = { red: [31, 39], yellow: [33, 39], cyan: [36, 39], gray: [90, 39], bold: [1, 22], underline: [4, 24], green: [32, 39] } as const;
type Style = keyof typeof CODES;

function paint(on: boolean) {
  return (style: Style, s: string) => (on ? `\u001b[${CODES[style][0]}m${s}\u001b[${CODES[style][1]}m` : s);
}

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan', hint: 'gray' };

/**
 * Human-readable report, grouped by file:
 *
 *     docs/a.md
 *       6:1  warning  "should" leaves it unclear …  missing-label
 *            ↳ b.md:1:1  Described as mandatory
 *
 *     ✖ 3 problems (1 error, 2 warnings)
 */
export function formatStylish(report: Report, colors: Colors): string {
  const c = paint(colors.enabled);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const file = displayPath(f.uri, report.cwd);
    const list = byFile.get(file);
    if (list) list.push(f);
    else byFile.set(file, [f]);
  }
  for (const [file, findings] of byFile) {
    out.push(c('underline', file));
    const rows = findings.map((f) => ({ f, pos: `${f.range.start.line + 1}:${f.range.start.character + 1}` }));
    const posWidth = Math.max(...rows.map((r) => r.pos.length));
    const sevWidth = Math.max(...findings.map((f) => f.severity.length));
    const msgWidth = Math.min(100, Math.max(...findings.map((f) => f.message.length)));
    for (const { f, pos } of rows) {
      const sev = c(SEVERITY_STYLE[f.severity], f.severity.padEnd(sevWidth));
      out.push(`  ${c('gray', pos.padEnd(posWidth))}  ${sev}  ${f.message.padEnd(msgWidth)}  ${c('gray', f.ruleId)}`);
      for (const r of f.related) {
        const where = `${displayPath(r.uri, report.cwd)}:${r.range.start.line + 1}:${r.range.start.character + 1}`;
        out.push(`  ${' '.repeat(posWidth)}  ${c('gray', `↳ ${where}`)}${r.message ? `  ${r.message}` : ''}`);
      }
    }
    out.push('');
  }
  out.push(...summary(report, c));
  return `${out.join('\n')}\n`;
}

function summary(report: Report, c: ReturnType<typeof paint>): string[] {
  const lines: string[] = [];
  const counts = countBySeverity(report.findings);
  const total = report.findings.length;
  const files = `${report.fileCount} ${plural(report.fileCount, 'file')}`;
  if (total === 0) {
    lines.push(c('green', `✔ No problems in ${files}.`));
  } else {
    const parts = [`${counts.error} ${plural(counts.error, 'error')}`, `${counts.warning} ${plural(counts.warning, 'warning')}`];
    if (counts.info) parts.push(`${counts.info} info`);
    if (counts.hint) parts.push(`${counts.hint} ${plural(counts.hint, 'hint')}`);
    const line = `✖ ${total} ${plural(total, 'problem')} (${parts.join(', ')}) in ${files}`;
    lines.push(c('bold', counts.error ? c('red', line) : c('yellow', line)));
    const fixable = report.findings.filter((f) => f.fixes.some((x) => x.safe)).length;
    if (fixable) lines.push(`  ${fixable} ${plural(fixable, 'problem')} fixable with --fix`);
  }
  if (report.hiddenByBaseline) lines.push(`  ${report.hiddenByBaseline} ${plural(report.hiddenByBaseline, 'finding')} hidden by the baseline`);
  return lines;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
