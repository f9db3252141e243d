/** A Markdown table that is also readable as plain text in a terminal. */
export function markdownTable(header, rows, align) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const cell = (v, i) => (align[i] === 'r' ? String(v).padStart(widths[i]) : String(v).padEnd(widths[i]));
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export const fixed = (n, digits) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
export const thousands = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '—');
