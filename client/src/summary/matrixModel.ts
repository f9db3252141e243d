/**
 * The participation matrix: one row per program or aspect, one column per document (and
 * the configuration file, where the registry declares statuses), each cell the status that
 * document gives it. Pure data; matrixHtml.ts draws it.
 */
import type { Range } from '../../../server/src/engine';
import { combineStatuses } from '../../../server/src/engine/summary';
import { groupByProgram, isProgramRow, type SummaryRow, type SummaryStatus } from './summaryRows';
import { NO_PROGRAM, PROGRAM_AS_A_WHOLE } from './summaryTreeModel';

export interface MatrixTarget {
  uri: string;
  range: Range;
}

export interface MatrixCell {
  /** Two different clear statuses in one document make the cell contradictory. */
  status: SummaryStatus;
  /** Each statement in this document, by id into `MatrixModel.targets`. */
  places: Array<{ target: number; line: number; status: SummaryStatus; text: string }>;
}

export interface MatrixRow {
  key: string;
  label: string;
  status: SummaryStatus;
  declared?: string;
  /** One per column; undefined where the document says nothing of it. */
  cells: Array<MatrixCell | undefined>;
}

export interface MatrixModel {
  columns: Array<{ uri: string; label: string }>;
  groups: Array<{ program: string; rows: MatrixRow[] }>;
  /** Where each clickable place leads; the webview only ever sends an index into this. */
  targets: MatrixTarget[];
  rowCount: number;
}

export function buildMatrix(rows: readonly SummaryRow[], pathLabel: (uri: string) => string): MatrixModel {
  const uris = [...new Set(rows.flatMap((r) => r.locations.map((l) => l.uri)))];
  const columns = uris.map((uri) => ({ uri, label: pathLabel(uri) })).sort((a, b) => a.label.localeCompare(b.label));
  const column = new Map(columns.map((c, i) => [c.uri, i]));
  const targets: MatrixTarget[] = [];
  const groups = groupByProgram(rows).map((g) => ({
    program: g.program || NO_PROGRAM,
    rows: (g.programRow ? [g.programRow, ...g.aspects] : g.aspects).map((row): MatrixRow => {
      const cells: Array<MatrixCell | undefined> = columns.map(() => undefined);
      for (const l of row.locations) {
        const i = column.get(l.uri)!;
        const cell = (cells[i] ??= { status: l.status, places: [] });
        targets.push({ uri: l.uri, range: l.range });
        cell.places.push({ target: targets.length - 1, line: l.range.start.line + 1, status: l.status, text: l.text });
      }
      for (const cell of cells) if (cell) cell.status = combineStatuses(cell.places.map((p) => p.status));
      return { key: row.key, label: isProgramRow(row) ? PROGRAM_AS_A_WHOLE : row.aspect, status: row.status, declared: row.declared, cells };
    }),
  }));
  return { columns, groups, targets, rowCount: rows.length };
}

