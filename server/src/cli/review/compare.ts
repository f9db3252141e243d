import { participationSummary, type DocumentModel, type Project, type SummaryStatus } from '../../engine';
import { displayPath } from '../paths';

/** A clause's participation as a reviewer sees it. */
export type ClauseStatus = 'mandatory' | 'optional' | 'unlabelled';

export interface ClauseChange {
  file: string;
  line: number;
  text: string;
  /** undefined: the clause is new (or, for `after`, gone). */
  before?: ClauseStatus;
  after?: ClauseStatus;
}

export interface ContradictionChange {
  file: string;
  line: number;
  message: string;
  change: 'appeared' | 'resolved';
}

export interface AspectChange {
  program: string;
  aspect: string;
  before?: SummaryStatus;
  after?: SummaryStatus;
}

export interface ReviewReport {
  clauses: ClauseChange[];
  contradictions: ContradictionChange[];
  aspects: AspectChange[];
}

interface ClauseEntry {
  status: ClauseStatus;
  line: number;
  text: string;
}

/**
 * Compares two revisions of a set of documents. Clauses are matched by file (relative to
 * each revision's root) and by their words without the label, so relabelling a clause or
 * moving it within its file reads as a status change, not as one clause gone and another new.
 */
export function compareRevisions(base: Project, baseRoot: string, head: Project, headRoot: string): ReviewReport {
  const baseClauses = clausesByFile(base, baseRoot);
  const headClauses = clausesByFile(head, headRoot);
  const clauses: ClauseChange[] = [];
  for (const [file, after] of headClauses) {
    const before = baseClauses.get(file) ?? new Map<string, ClauseEntry>();
    for (const [key, h] of after) {
      const b = before.get(key);
      if (b?.status === h.status) continue;
      if (!b && h.status !== 'unlabelled') continue; // a new clause that is labelled is just new text
      clauses.push({ file, line: h.line, text: h.text, before: b?.status, after: h.status });
    }
    for (const [key, b] of before) {
      if (!after.has(key) && b.status !== 'unlabelled') clauses.push({ file, line: b.line, text: b.text, before: b.status, after: undefined });
    }
  }
  for (const [file, before] of baseClauses) {
    if (headClauses.has(file)) continue;
    for (const b of before.values()) if (b.status !== 'unlabelled') clauses.push({ file, line: b.line, text: b.text, before: b.status });
  }
  clauses.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);

  const contradictions: ContradictionChange[] = [];
  const baseC = contradictionsByKey(base, baseRoot);
  const headC = contradictionsByKey(head, headRoot);
  for (const [key, c] of headC) if (!baseC.has(key)) contradictions.push({ ...c, change: 'appeared' });
  for (const [key, c] of baseC) if (!headC.has(key)) contradictions.push({ ...c, change: 'resolved' });
  contradictions.sort((a, b) => a.change.localeCompare(b.change) || a.file.localeCompare(b.file) || a.line - b.line);

  const aspects: AspectChange[] = [];
  const baseRows = new Map(participationSummary(base).map((r) => [r.key, r]));
  const headRows = new Map(participationSummary(head).map((r) => [r.key, r]));
  for (const [key, h] of headRows) {
    const b = baseRows.get(key);
    if (b?.status !== h.status) aspects.push({ program: h.program, aspect: h.aspect, before: b?.status, after: h.status });
  }
  for (const [key, b] of baseRows) if (!headRows.has(key)) aspects.push({ program: b.program, aspect: b.aspect, before: b.status });
  return { clauses, contradictions, aspects };
}

function clausesByFile(project: Project, root: string): Map<string, Map<string, ClauseEntry>> {
  const out = new Map<string, Map<string, ClauseEntry>>();
  for (const uri of project.uris()) out.set(displayPath(uri, root), clauseStatuses(project.model(uri)!));
  return out;
}

function clauseStatuses(model: DocumentModel): Map<string, ClauseEntry> {
  const out = new Map<string, ClauseEntry>();
  const seen = new Map<string, number>();
  for (const c of model.clauses) {
    const status: ClauseStatus | undefined = c.label ? c.label.status : c.primary && !c.informative ? 'unlabelled' : undefined;
    if (!status) continue;
    const words = (c.inlineLabel ? model.text.slice(c.inlineLabel.end, c.end) : model.text.slice(c.start, c.end)).replace(/\s+/g, ' ').trim();
    const norm = words.toLowerCase();
    const n = seen.get(norm) ?? 0;
    seen.set(norm, n + 1);
    out.set(`${norm}\0${n}`, { status, line: model.lines.positionAt(c.start).line + 1, text: words });
  }
  return out;
}

function contradictionsByKey(project: Project, root: string): Map<string, Omit<ContradictionChange, 'change'>> {
  const out = new Map<string, Omit<ContradictionChange, 'change'>>();
  for (const uri of project.uris()) {
    const file = displayPath(uri, root);
    for (const f of project.findings(uri)) {
      if (f.ruleId !== 'participation-contradiction') continue;
      out.set(`${file}\0${f.fingerprint}`, { file, line: f.range.start.line + 1, message: f.message });
    }
  }
  return out;
}
