import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { participationSummary, type SummaryRow } from '../engine';
import { formatSummary } from '../node/summaryFormats';
import type { FeatureContext } from './context';
import type { SummaryParams } from './protocol';

export interface SummaryResult {
  /** The summary as Markdown, each statement linked to its file and line ('' when asked for rows only). */
  markdown: string;
  rows: SummaryRow[];
  /** The folder summarised, as asked for; absent for the whole workspace. */
  folder?: string;
}

/** The participation summary of the workspace (every indexed document), or of the documents under one folder. */
export function summary(ctx: FeatureContext, params: unknown): SummaryResult {
  const folder = folderParam(params);
  const withMarkdown = markdownParam(params);
  // The project as the scheduler keeps it (open documents at most one debounce behind): a
  // read-only request must not analyse documents behind the scheduler's back.
  const rows = participationSummary(ctx.host.project, folder ? underFolder(folder) : undefined);
  const root = folder ? URI.parse(folder).fsPath : ctx.config.folders[0] ? URI.parse(ctx.config.folders[0].uri).fsPath : '/';
  const markdown = withMarkdown ? formatSummary(rows, 'markdown', root, (uri, _file, line) => `${uri}#L${line}`) : '';
  return folder ? { markdown, rows, folder } : { markdown, rows };
}

/** The `folder` parameter as a normalised URI; a malformed one is refused (InvalidParams) with a message saying so. */
function folderParam(params: unknown): string | undefined {
  const folder = (params as SummaryParams | null | undefined)?.folder;
  if (folder === undefined || folder === null || folder === '') return undefined;
  if (typeof folder !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `policyLint/summary: "folder" must be a folder URI string, got ${JSON.stringify(folder)}.`);
  let parsed: URI;
  try {
    parsed = URI.parse(folder, true);
  } catch (e) {
    throw new ResponseError(ErrorCodes.InvalidParams, `policyLint/summary: "folder" is not a URI (${JSON.stringify(folder)}): ${(e as Error).message}`);
  }
  return parsed.toString().replace(/\/+$/, '');
}

function markdownParam(params: unknown): boolean {
  const markdown = (params as SummaryParams | null | undefined)?.markdown;
  if (markdown === undefined || markdown === null) return true;
  if (typeof markdown !== 'boolean') throw new ResponseError(ErrorCodes.InvalidParams, `policyLint/summary: "markdown" must be true or false, got ${JSON.stringify(markdown)}.`);
  return markdown;
}

function underFolder(folder: string): (uri: string) => boolean {
  const prefix = `${folder}/`;
  return (uri) => uri === folder || uri.startsWith(prefix);
}
