/**
 * What the status bar says about the active policy document, from its diagnostics.
 * Pure, so the wording (which end-to-end tests look for) is unit-tested.
 */
export { DIAGNOSTIC_SOURCE } from '../../server/src/lsp/protocol';
import { DIAGNOSTIC_SOURCE } from '../../server/src/lsp/protocol';

export interface DiagnosticFacts {
  source?: string;
  code?: string | number | { value: string | number };
}

export interface StatusSummary {
  text: string;
  tooltip: string;
  /** Findings per rule id, in descending count. */
  counts: [string, number][];
}

export function ruleIdOf(d: DiagnosticFacts): string {
  const code = typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
  return code === undefined ? 'other' : String(code);
}

export function summarize(diagnostics: readonly DiagnosticFacts[]): StatusSummary {
  const counts = new Map<string, number>();
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    const id = ruleIdOf(d);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const unlabelled = counts.get('missing-label') ?? 0;
  const total = sorted.reduce((n, [, c]) => n + c, 0);
  let text: string;
  if (unlabelled) text = `$(checklist) ${unlabelled} unlabelled`;
  else if (total) text = `$(checklist) Policy Lint: ${total} ${total === 1 ? 'problem' : 'problems'}`;
  else text = '$(pass) Policy Lint: clear';
  const lines = sorted.length ? sorted.map(([id, n]) => `${id}: ${n}`) : ['No problems in this document.'];
  const tooltip = ['Policy Lint — this document', ...lines, '', 'Click to open the Problems view.'].join('\n');
  return { text, tooltip, counts: sorted };
}

/** What the status bar says while the language server is not running: the findings shown may be stale. */
export function serverDownSummary(state: 'starting' | 'stopped'): { text: string; tooltip: string } {
  if (state === 'starting') return { text: '$(sync~spin) Policy Lint: starting', tooltip: 'Policy Lint — the language server is starting.' };
  return {
    text: '$(debug-disconnect) Policy Lint: stopped',
    tooltip: 'Policy Lint — the language server is not running, so problems shown for this document may be out of date.\nClick to restart it.',
  };
}
