import { combineStatuses } from '../engine/summary';
import type { SummaryRow, SummaryStatus } from '../engine';
import { displayPath } from '../cli/paths';

export const SUMMARY_FORMATS = ['markdown', 'csv', 'json', 'html'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

const STATUS_TEXT: Record<SummaryStatus, string> = {
  mandatory: 'Mandatory',
  optional: 'Optional',
  contradictory: 'Contradictory',
  unclear: 'Unclear',
};

interface Place {
  file: string;
  line: number;
  status: SummaryStatus;
  text: string;
  evidence: string;
}

function places(row: SummaryRow, cwd: string): Place[] {
  return row.locations.map((l) => ({
    file: displayPath(l.uri, cwd),
    line: l.range.start.line + 1,
    status: l.status,
    text: l.text,
    evidence: l.evidence,
  }));
}

/** How a Markdown summary links to a statement; by default a path relative to `cwd` with `#L<line>`. */
export type SummaryLink = (uri: string, file: string, line: number) => string;

export function formatSummary(rows: SummaryRow[], format: SummaryFormat, cwd: string, link?: SummaryLink): string {
  switch (format) {
    case 'json':
      return JSON.stringify(
        rows.map((r) => ({ program: r.program, aspect: r.aspect, status: r.status, declared: r.declared ?? null, locations: places(r, cwd) })),
        null,
        2,
      ) + '\n';
    case 'csv':
      return csv(rows, cwd);
    case 'html':
      return html(rows, cwd);
    default:
      return markdown(rows, cwd, link);
  }
}

/** Markdown: publishable as the guidance that says which aspects are optional. */
function markdown(rows: SummaryRow[], cwd: string, link: SummaryLink = (_uri, file, line) => `${encodeURI(file)}#L${line}`): string {
  const out = ['# Participation summary', ''];
  const counts = countStatuses(rows);
  out.push(`${rows.length} programs and aspects: ${(Object.keys(STATUS_TEXT) as SummaryStatus[]).map((s) => `${counts[s]} ${STATUS_TEXT[s].toLowerCase()}`).join(', ')}.`, '');
  for (const [program, group] of byProgram(rows)) {
    out.push(`## ${program || 'Documents without a program'}`, '', '| Aspect | Status | Stated in |', '| --- | --- | --- |');
    for (const r of group) {
      const where = r.locations
        .map((l, i) => ({ l, p: places(r, cwd)[i] }))
        .map(({ l, p }) => `[${p.file}:${p.line}](${link(l.uri, p.file, p.line)}) (${p.status})`)
        .join('<br>');
      const status = r.status === 'contradictory' ? '**Contradictory**' : STATUS_TEXT[r.status];
      out.push(`| ${cell(r.aspect)} | ${status}${r.declared ? ` (declared ${r.declared})` : ''} | ${where} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

function csv(rows: SummaryRow[], cwd: string): string {
  const q = (s: string | number) => (/[",\n]/.test(String(s)) ? `"${String(s).replace(/"/g, '""')}"` : String(s));
  const lines = ['program,aspect,status,declared,file,line,stated_status,evidence,text'];
  for (const r of rows) {
    for (const p of places(r, cwd)) {
      lines.push([r.program, r.aspect, r.status, r.declared ?? '', p.file, p.line, p.status, p.evidence, p.text].map(q).join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * A self-contained page with a matrix: aspects down, documents across, each cell coloured
 * by what that document says. A contradiction shows as a row of two colours.
 */
function html(rows: SummaryRow[], cwd: string): string {
  const files = [...new Set(rows.flatMap((r) => places(r, cwd).map((p) => p.file)))].sort();
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const head = files.map((f) => `<th class="doc"><div>${esc(f)}</div></th>`).join('');
  const body = rows
    .map((r) => {
      const ps = places(r, cwd);
      const cells = files
        .map((f) => {
          const here = ps.filter((p) => p.file === f);
          if (!here.length) return '<td></td>';
          const statuses = [...new Set(here.map((p) => p.status))];
          const cls = combineStatuses(statuses); // the rule of the summary itself: unclear beside mandatory is mandatory
          const title = here.map((p) => `${p.file}:${p.line} ${p.status}: ${p.text}`).join('\n');
          return `<td class="${cls}" title="${esc(title)}">${statuses.map((s) => s[0].toUpperCase()).join('/')}</td>`;
        })
        .join('');
      return `<tr><th class="aspect">${esc(r.program && r.aspect !== r.program ? `${r.program} › ${r.aspect}` : r.aspect)}</th><td class="status ${r.status}">${STATUS_TEXT[r.status]}</td>${cells}</tr>`;
    })
    .join('\n');
  const counts = countStatuses(rows);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Participation summary</title>
<style>
body{font:14px system-ui,sans-serif;margin:2em;color:#1b1b1b}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:center}
th.aspect{text-align:left;font-weight:normal;max-width:28em}
th.doc{height:9em;vertical-align:bottom}th.doc div{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal}
.mandatory{background:#1f5fa8;color:#fff}.optional{background:#3c9a5f;color:#fff}
.contradictory{background:#c62828;color:#fff;font-weight:bold}.unclear{background:#f2c14e}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px}
</style></head><body>
<h1>Participation summary</h1>
<p class="legend"><span class="mandatory">Mandatory ${counts.mandatory}</span><span class="optional">Optional ${counts.optional}</span><span class="contradictory">Contradictory ${counts.contradictory}</span><span class="unclear">Unclear ${counts.unclear}</span></p>
<table><thead><tr><th class="aspect">Program › aspect</th><th>Status</th>${head}</tr></thead>
<tbody>
${body}
</tbody></table>
</body></html>
`;
}

function byProgram(rows: SummaryRow[]): Map<string, SummaryRow[]> {
  const out = new Map<string, SummaryRow[]>();
  for (const r of rows) {
    const list = out.get(r.program);
    if (list) list.push(r);
    else out.set(r.program, [r]);
  }
  return out;
}

export function countStatuses(rows: SummaryRow[]): Record<SummaryStatus, number> {
  const c: Record<SummaryStatus, number> = { mandatory: 0, optional: 0, contradictory: 0, unclear: 0 };
  for (const r of rows) c[r.status]++;
  return c;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
