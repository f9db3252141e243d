/**
 * The participation summary as the language server sends it (`policyLint/summary` rows), and
 * how the editor presents each status. Pure: no VS Code API, so it is unit-tested directly.
 */
import type { SummaryLocation, SummaryRow, SummaryStatus } from '../../../server/src/engine';

export type { SummaryLocation, SummaryRow, SummaryStatus };

/** What `policyLint/summary` answers. */
export interface SummaryResponse {
  markdown: string;
  rows: SummaryRow[];
  folder?: string;
}

export interface StatusStyle {
  label: string;
  /** Codicon id (ThemeIcon). */
  icon: string;
  /** Theme colour id (ThemeColor), also a `--vscode-*` CSS variable in webviews. */
  color: string;
  /** Lower sorts first: what needs the reviewer's attention comes first. */
  rank: number;
}

export const STATUS_STYLES: Record<SummaryStatus, StatusStyle> = {
  contradictory: { label: 'Contradictory', icon: 'error', color: 'problemsErrorIcon.foreground', rank: 0 },
  unclear: { label: 'Unclear', icon: 'question', color: 'problemsWarningIcon.foreground', rank: 1 },
  mandatory: { label: 'Mandatory', icon: 'lock', color: 'charts.blue', rank: 2 },
  optional: { label: 'Optional', icon: 'unlock', color: 'charts.green', rank: 3 },
};

export const STATUS_ORDER: readonly SummaryStatus[] = ['contradictory', 'unclear', 'mandatory', 'optional'];

const EVIDENCE_TEXT: Record<SummaryLocation['evidence'], string> = {
  label: 'by its label',
  wording: 'by its wording',
  registry: 'declared in the configuration',
};

export function evidenceText(evidence: SummaryLocation['evidence']): string {
  return EVIDENCE_TEXT[evidence] ?? evidence;
}

/** A program-level row (the program as a whole) rather than one of its aspects. */
export function isProgramRow(row: SummaryRow): boolean {
  return !row.key.includes('::');
}

/** "Contradictory (declared mandatory)". */
export function statusText(row: Pick<SummaryRow, 'status' | 'declared'>): string {
  const label = STATUS_STYLES[row.status]?.label ?? row.status;
  return row.declared ? `${label} (declared ${row.declared})` : label;
}

/** Programs in order, each with its program-level row (if any) and its aspects, attention-first. */
export interface ProgramGroup {
  program: string;
  programRow?: SummaryRow;
  aspects: SummaryRow[];
}

export function groupByProgram(rows: readonly SummaryRow[]): ProgramGroup[] {
  const groups = new Map<string, ProgramGroup>();
  for (const row of rows) {
    let g = groups.get(row.program);
    if (!g) groups.set(row.program, (g = { program: row.program, aspects: [] }));
    if (isProgramRow(row)) g.programRow = row;
    else g.aspects.push(row);
  }
  const byAttention = (a: SummaryRow, b: SummaryRow) => rank(a.status) - rank(b.status) || a.aspect.localeCompare(b.aspect);
  for (const g of groups.values()) g.aspects.sort(byAttention);
  // Named programs alphabetically; aspects of no named program last.
  return [...groups.values()].sort((a, b) => Number(a.program === '') - Number(b.program === '') || a.program.localeCompare(b.program));
}

function rank(status: SummaryStatus): number {
  return STATUS_STYLES[status]?.rank ?? 9;
}

/** Counts per status, for headings and descriptions. */
export function countStatuses(rows: readonly SummaryRow[]): Record<SummaryStatus, number> {
  const out: Record<SummaryStatus, number> = { contradictory: 0, unclear: 0, mandatory: 0, optional: 0 };
  for (const r of rows) if (r.status in out) out[r.status]++;
  return out;
}

/** "2 contradictory, 1 unclear, 3 mandatory" (statuses with none left out). */
export function countsText(rows: readonly SummaryRow[]): string {
  const c = countStatuses(rows);
  const parts = STATUS_ORDER.filter((s) => c[s] > 0).map((s) => `${c[s]} ${STATUS_STYLES[s].label.toLowerCase()}`);
  return parts.length ? parts.join(', ') : 'nothing stated';
}

export interface WorkspaceFolderRef {
  uri: string;
  name: string;
}

/**
 * How a document is named in the view: its path relative to its workspace folder (with the
 * folder's name when there are several), else the last part of its path.
 */
export function pathLabel(uri: string, folders: readonly WorkspaceFolderRef[]): string {
  for (const f of folders) {
    const base = f.uri.replace(/\/+$/, '');
    if (uri.startsWith(`${base}/`)) {
      const rel = safeDecode(uri.slice(base.length + 1));
      return folders.length > 1 ? `${f.name}/${rel}` : rel;
    }
  }
  const path = uri.replace(/[?#].*$/, '');
  return safeDecode(path.slice(path.lastIndexOf('/') + 1)) || uri;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
