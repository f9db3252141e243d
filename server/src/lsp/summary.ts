import { URI } from 'vscode-uri';
import { participationSummary, type SummaryRow } from '../engine';
import { formatSummary } from '../node/summaryFormats';
import type { FeatureContext } from './context';

export const SUMMARY_REQUEST = 'policyLint/summary';

export interface SummaryResult {
  /** The summary as Markdown, each statement linked to its file and line. */
  markdown: string;
  rows: SummaryRow[];
}

/** The participation summary of the workspace (all indexed documents, open ones as typed). */
export function summary(ctx: FeatureContext): SummaryResult {
  const project = ctx.host.project;
  for (const uri of project.uris()) ctx.host.syncOpen(uri);
  const rows = participationSummary(project);
  const root = ctx.config.folders[0] ? URI.parse(ctx.config.folders[0].uri).fsPath : '/';
  const markdown = formatSummary(rows, 'markdown', root, (uri, _file, line) => `${uri}#L${line}`);
  return { markdown, rows };
}
