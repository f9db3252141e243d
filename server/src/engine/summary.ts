import type { Project } from './project';
import type { ParticipationStatus, Range } from './types';

/**
 * The participation summary: every program and aspect the documents (and the registry)
 * give a status, with the status overall and every place it is stated. This is the table
 * the inspector general asked for — which aspects are optional — and it shows at a
 * glance where the documents disagree.
 */
export type SummaryStatus = ParticipationStatus | 'contradictory' | 'unclear';

/**
 * The status of an aspect over several statements (a row, or one document's cell of it):
 * mandatory and optional together are contradictory; unclear statements decide nothing.
 * Free of imports, so the VS Code views can use the same rule.
 */
export function combineStatuses(statuses: Iterable<SummaryStatus>): SummaryStatus {
  const clear = new Set<SummaryStatus>();
  for (const s of statuses) {
    if (s === 'contradictory') return 'contradictory';
    if (s !== 'unclear') clear.add(s);
  }
  return clear.size > 1 ? 'contradictory' : clear.size === 1 ? [...clear][0] : 'unclear';
}

export interface SummaryLocation {
  uri: string;
  range: Range;
  /** 'unclear' for ambiguous wording ("should") with no label. */
  status: ParticipationStatus | 'unclear';
  /** The words naming the aspect there. */
  text: string;
  evidence: 'label' | 'wording' | 'registry';
}

export interface SummaryRow {
  key: string;
  /** Program the aspect belongs to ('' for documents that name none). */
  program: string;
  /** The aspect's name: the registry's, else the phrase used most. Equals `program` for a program-level row. */
  aspect: string;
  status: SummaryStatus;
  declared?: ParticipationStatus;
  locations: SummaryLocation[];
}

export function participationSummary(project: Project, within?: (uri: string) => boolean): SummaryRow[] {
  const rows = new Map<string, SummaryRow>();
  const programNames = new Map<string, string>();
  for (const uri of project.uris()) {
    const model = project.model(uri)!;
    if (model.programKey && model.frontMatter.program) programNames.set(model.programKey, model.frontMatter.program);
  }
  // The registry names its programs, whether or not a document's front matter does.
  for (const key of project.statementKeys()) {
    const reg = key.includes('::') ? undefined : project.registryFor(key);
    if (reg) programNames.set(key, reg.name);
  }
  const row = (key: string): SummaryRow => {
    let r = rows.get(key);
    if (!r) {
      const sep = key.indexOf('::');
      const programKey = sep < 0 ? key : key.slice(0, sep);
      r = { key, program: programNames.get(programKey) ?? titleOf(programKey), aspect: '', status: 'unclear', locations: [] };
      rows.set(key, r);
    }
    return r;
  };
  for (const uri of project.uris()) {
    if (within && !within(uri)) continue;
    const model = project.model(uri)!;
    for (const s of model.statements) {
      row(s.key).locations.push({ uri, range: model.lines.range(s.start, s.end), status: s.status, text: s.aspect, evidence: s.evidence });
    }
    for (const s of model.unclear) {
      row(s.key).locations.push({ uri, range: model.lines.range(s.start, s.end), status: 'unclear', text: s.aspect, evidence: s.evidence });
    }
  }
  for (const key of project.statementKeys()) {
    const reg = project.registryFor(key);
    if (!reg) continue;
    const r = row(key);
    r.declared = reg.status;
    r.aspect = reg.name;
    if (key.indexOf('::') < 0) r.program = reg.name;
    if (reg.location) r.locations.unshift({ uri: reg.location.uri, range: reg.location.range, status: reg.status, text: reg.name, evidence: 'registry' });
  }
  for (const r of rows.values()) {
    r.status = combineStatuses([...r.locations.map((l) => l.status), ...(r.declared ? [r.declared] : [])]);
    if (!r.aspect) r.aspect = r.key.indexOf('::') < 0 ? r.program : mostUsed(r.locations.map((l) => l.text));
  }
  return [...rows.values()].sort(
    (a, b) => a.program.localeCompare(b.program) || Number(a.key.includes('::')) - Number(b.key.includes('::')) || a.aspect.localeCompare(b.aspect),
  );
}

/** A program known only by its key (folded words): the best name we have, or none for unscoped aspects. */
function titleOf(programKey: string): string {
  return programKey.replace(/^program:/, '');
}

function mostUsed(texts: string[]): string {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]?.[0] ?? '';
}
