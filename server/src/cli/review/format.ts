import type { ReviewReport } from './compare';

const name = (s: string | undefined) => (s === undefined ? '(none)' : s);

export function formatReviewText(r: ReviewReport, base: string, head: string): string {
  const out: string[] = [`Participation changes from ${base} to ${head}`, ''];
  if (r.aspects.length) {
    out.push('Programs and aspects:');
    for (const a of r.aspects) out.push(`  ${a.program && a.program !== a.aspect ? `${a.program} › ` : ''}${a.aspect}: ${name(a.before)} → ${name(a.after)}`);
    out.push('');
  }
  if (r.clauses.length) {
    out.push('Clauses:');
    for (const c of r.clauses) out.push(`  ${c.file}:${c.line}  ${name(c.before)} → ${name(c.after)}  ${truncate(c.text)}`);
    out.push('');
  }
  if (r.contradictions.length) {
    out.push('Contradictions:');
    for (const c of r.contradictions) out.push(`  ${c.change === 'appeared' ? '+' : '-'} ${c.file}:${c.line}  ${c.message}`);
    out.push('');
  }
  if (!r.aspects.length && !r.clauses.length && !r.contradictions.length) out.push('No participation changes.', '');
  const appeared = r.contradictions.filter((c) => c.change === 'appeared').length;
  const unlabelled = r.clauses.filter((c) => c.after === 'unlabelled').length;
  out.push(`${r.clauses.length} clause changes (${unlabelled} now unlabelled), ${appeared} contradictions appeared, ${r.contradictions.length - appeared} resolved.`);
  return out.join('\n') + '\n';
}

/** Markdown, for a pull request comment. */
export function formatReviewMarkdown(r: ReviewReport, base: string, head: string): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out = [`### Participation changes (${base} → ${head})`, ''];
  if (r.aspects.length) {
    out.push('| Program / aspect | Before | After |', '| --- | --- | --- |');
    for (const a of r.aspects) out.push(`| ${cell(a.program && a.program !== a.aspect ? `${a.program} › ${a.aspect}` : a.aspect)} | ${name(a.before)} | ${name(a.after)} |`);
    out.push('');
  }
  if (r.clauses.length) {
    out.push('| Clause | Before | After |', '| --- | --- | --- |');
    for (const c of r.clauses) out.push(`| \`${c.file}:${c.line}\` ${cell(truncate(c.text))} | ${name(c.before)} | ${name(c.after)} |`);
    out.push('');
  }
  for (const c of r.contradictions) out.push(`- ${c.change === 'appeared' ? '⚠️ New contradiction' : '✅ Resolved'}: \`${c.file}:${c.line}\` ${c.message}`);
  if (!r.aspects.length && !r.clauses.length && !r.contradictions.length) out.push('No participation changes.');
  return out.join('\n') + '\n';
}

function truncate(s: string, n = 100): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
