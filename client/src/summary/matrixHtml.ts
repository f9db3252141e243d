/**
 * The participation matrix as a webview page: a table coloured by status (theme colours, so
 * it reads in light, dark and high-contrast themes), every statement a button that asks the
 * extension to open it. Strict Content Security Policy: no remote content, and only the
 * page's own style and script, by nonce. Every text from documents is escaped.
 */
import type { MatrixCell, MatrixModel } from './matrixModel';
import { STATUS_ORDER, STATUS_STYLES, type SummaryStatus } from './summaryRows';

export interface MatrixPageOptions {
  /** A fresh random value per render (CSP nonce). */
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
  /** What is summarised: "the workspace", "folder policies/"… */
  scope: string;
  /** Shown instead of the table when there is nothing to show (server stopped, no statements…). */
  message?: string;
  /** Render number: a click from an older page is ignored. */
  generation: number;
}

/** The message the page posts when a statement is clicked. */
export interface OpenTargetMessage {
  type: 'open';
  target: number;
  generation: number;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function isOpenTargetMessage(m: unknown): m is OpenTargetMessage {
  const o = m as Partial<OpenTargetMessage> | null;
  return !!o && o.type === 'open' && Number.isInteger(o.target) && (o.target as number) >= 0 && Number.isInteger(o.generation);
}

/** `charts.blue` → `var(--vscode-charts-blue)`. */
function cssColor(themeColor: string): string {
  return `var(--vscode-${themeColor.replace(/\./g, '-')})`;
}

export function renderMatrixHtml(model: MatrixModel, o: MatrixPageOptions): string {
  const nonce = escapeHtml(o.nonce);
  const csp = `default-src 'none'; style-src ${o.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${o.cspSource};`;
  const statusCss = STATUS_ORDER.map((s) => {
    const c = cssColor(STATUS_STYLES[s].color);
    return `.s-${s}{background:color-mix(in srgb,${c} 28%,transparent);border-left:3px solid ${c}}.s-${s} .mark{color:${c}}`;
  }).join('\n');
  const body = o.message || model.rowCount === 0 ? `<p class="message">${escapeHtml(o.message ?? 'No participation statements found.')}</p>` : table(model);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Participation matrix</title>
<style nonce="${nonce}">
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);padding:0 16px 16px}
h1{font-size:1.3em;margin:14px 0 4px}
.scope{color:var(--vscode-descriptionForeground);margin:0 0 10px}
.legend{display:flex;gap:14px;flex-wrap:wrap;margin:0 0 12px;padding:0;list-style:none}
.legend li{padding:2px 8px}
table{border-collapse:collapse}
th,td{border:1px solid var(--vscode-editorWidget-border,var(--vscode-panel-border,#8884));padding:4px 8px;vertical-align:top;text-align:left}
thead th{position:sticky;top:0;background:var(--vscode-editor-background);font-weight:600;max-width:14em;overflow-wrap:break-word}
th.program{background:var(--vscode-sideBarSectionHeader-background,transparent);font-weight:600;padding-top:8px}
th.aspect{font-weight:normal;max-width:22em}
td.empty{color:var(--vscode-disabledForeground,#888)}
button.place{font:inherit;color:var(--vscode-textLink-foreground);background:none;border:0;padding:0 4px 0 0;cursor:pointer;text-decoration:underline}
button.place:focus-visible{outline:1px solid var(--vscode-focusBorder)}
.status{white-space:nowrap}
.mark{font-weight:700;margin-right:4px}
.message{color:var(--vscode-descriptionForeground)}
${statusCss}
</style></head>
<body>
<h1>Participation matrix</h1>
<p class="scope">${escapeHtml(o.scope)} — ${model.rowCount} program${model.rowCount === 1 ? '' : 's'} and aspect${model.rowCount === 1 ? '' : 's'} × ${model.columns.length} file${model.columns.length === 1 ? '' : 's'}. Click a line number to open the statement.</p>
<ul class="legend">${STATUS_ORDER.map((s) => `<li class="s-${s}"><span class="mark">${MARKS[s]}</span>${STATUS_STYLES[s].label}</li>`).join('')}</ul>
${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const b = e.target instanceof Element ? e.target.closest('button.place') : null;
  if (b) vscode.postMessage({ type: 'open', target: Number(b.dataset.target), generation: ${o.generation} });
});
</script>
</body></html>`;
}

/** A sign per status besides the colour, so the matrix reads without colour too. */
const MARKS: Record<SummaryStatus, string> = { contradictory: '✕', unclear: '?', mandatory: 'M', optional: 'O' };

function table(model: MatrixModel): string {
  const head = `<thead><tr><th scope="col">Program / aspect</th><th scope="col">Overall</th>${model.columns
    .map((c) => `<th scope="col" title="${escapeHtml(c.uri)}">${escapeHtml(c.label)}</th>`)
    .join('')}</tr></thead>`;
  const span = model.columns.length + 2;
  const groups = model.groups.map((g) => {
    const rows = g.rows.map((r) => {
      const overall = `${STATUS_STYLES[r.status].label}${r.declared ? ` (declared ${escapeHtml(r.declared)})` : ''}`;
      return `<tr data-key="${escapeHtml(r.key)}"><th scope="row" class="aspect">${escapeHtml(r.label)}</th><td class="status s-${r.status}"><span class="mark">${MARKS[r.status]}</span>${overall}</td>${r.cells
        .map((cell, i) => cellHtml(cell, model.columns[i].label))
        .join('')}</tr>`;
    });
    return `<tbody><tr><th colspan="${span}" class="program" scope="rowgroup">${escapeHtml(g.program)}</th></tr>${rows.join('')}</tbody>`;
  });
  return `<table>${head}${groups.join('')}</table>`;
}

function cellHtml(cell: MatrixCell | undefined, file: string): string {
  if (!cell) return '<td class="empty">—</td>';
  const places = cell.places
    .map((p) => `<button class="place" data-target="${p.target}" title="${escapeHtml(`${file}:${p.line} — ${p.status}: “${p.text}”`)}">L${p.line}</button>`)
    .join('');
  return `<td class="s-${cell.status}" data-status="${cell.status}"><span class="mark">${MARKS[cell.status]}</span>${places}</td>`;
}
