import { URI } from 'vscode-uri';
import { participationSummary, type SummaryRow } from '../engine';
import { formatSummary } from '../node/summaryFormats';
import type { FeatureContext } from './context';

export interface SummaryResult {
  /** The summary as Markdown, each statement linked to its file and line. */
  markdown: string;
  rows: SummaryRow[];
}

/** The participation summary of the workspace: every indexed document. */
export function summary(ctx: FeatureContext): SummaryResult {
  // The project as the scheduler keeps it (open documents at most one debounce behind): a
  // read-only request must not analyse documents behind the scheduler's back.
  const rows = participationSummary(ctx.host.project);
  const root = ctx.config.folders[0] ? URI.parse(ctx.config.folders[0].uri).fsPath : '/';
  const markdown = formatSummary(rows, 'markdown', root, (uri, _file, line) => `${uri}#L${line}`);
  return { markdown, rows };
}
