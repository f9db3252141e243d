/**
 * The participation summary as a tree: program → aspect → each place it is stated. Pure
 * data (no VS Code API); summaryTreeView.ts turns the nodes into tree items.
 */
import type { Range } from '../../../server/src/engine';
import { evidenceText, groupByProgram, isProgramRow, STATUS_STYLES, statusText, type SummaryRow, type SummaryStatus } from './summaryRows';

export interface SummaryTreeNode {
  /** Stable across refreshes (expansion state is kept by it). */
  id: string;
  kind: 'program' | 'aspect' | 'location';
  label: string;
  description: string;
  tooltip: string;
  /** Decides the icon and its colour; none for a program stated nowhere as a whole. */
  status?: SummaryStatus;
  children: SummaryTreeNode[];
  /** Contradictions are opened up: that is what the reviewer is looking for. */
  expanded: boolean;
  /** Where a location node jumps to. */
  target?: { uri: string; range: Range };
}

/** The whole-program row, shown first among a program's aspects. */
export const PROGRAM_AS_A_WHOLE = 'The program as a whole';
export const NO_PROGRAM = 'No program named';

export function buildSummaryTree(rows: readonly SummaryRow[], pathLabel: (uri: string) => string): SummaryTreeNode[] {
  return groupByProgram(rows).map((g) => {
    const all = g.programRow ? [g.programRow, ...g.aspects] : g.aspects;
    const children = all.map((row) => aspectNode(row, pathLabel));
    const contradictory = all.filter((r) => r.status === 'contradictory').length;
    const unclear = all.filter((r) => r.status === 'unclear').length;
    const attention = [contradictory && `${contradictory} contradictory`, unclear && `${unclear} unclear`].filter(Boolean).join(', ');
    const own = g.programRow ? `${STATUS_STYLES[g.programRow.status].label} as a whole` : '';
    const size = `${g.aspects.length} aspect${g.aspects.length === 1 ? '' : 's'}`;
    const name = g.program || NO_PROGRAM;
    return {
      id: `program:${g.program}`,
      kind: 'program' as const,
      label: name,
      description: [own, size, attention].filter(Boolean).join(' · '),
      tooltip: `${name}: ${g.programRow ? `${statusText(g.programRow)} as a whole; ` : ''}${size}${attention ? ` (${attention})` : ''}.`,
      status: g.programRow?.status,
      children,
      expanded: true,
    };
  });
}

function aspectNode(row: SummaryRow, pathLabel: (uri: string) => string): SummaryTreeNode {
  const label = isProgramRow(row) ? PROGRAM_AS_A_WHOLE : row.aspect;
  const places = row.locations.length;
  const locations = row.locations.map((l, i) => {
    const where = `${pathLabel(l.uri)}:${l.range.start.line + 1}`;
    const style = STATUS_STYLES[l.status];
    return {
      // The index keeps two statements on one line apart.
      id: `loc:${row.key}:${l.uri}:${l.range.start.line}:${l.range.start.character}:${i}`,
      kind: 'location' as const,
      label: where,
      description: `${style.label.toLowerCase()} · “${l.text}”`,
      tooltip: `${where}: ${style.label.toLowerCase()} ${evidenceText(l.evidence)} — “${l.text}”. Click to go there.`,
      status: l.status,
      children: [],
      expanded: false,
      target: { uri: l.uri, range: l.range },
    };
  });
  return {
    // VS Code keeps an item's expansion by id: a row that becomes contradictory gets a new id, so it opens.
    id: `aspect:${row.key}${row.status === 'contradictory' ? ':contradictory' : ''}`,
    kind: 'aspect',
    label,
    description: `${statusText(row)} · ${places} place${places === 1 ? '' : 's'}`,
    tooltip: `${isProgramRow(row) ? row.program : row.aspect}: ${statusText(row)}, stated in ${places} place${places === 1 ? '' : 's'}.${
      row.status === 'contradictory' ? ' The places below disagree on whether it is mandatory or optional.' : row.status === 'unclear' ? ' Its wording (for example "should") does not say whether it is required.' : ''
    }`,
    status: row.status,
    children: locations,
    expanded: row.status === 'contradictory',
  };
}
