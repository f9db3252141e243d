import type { DocumentModel } from '../engine';
import type { ConfigState } from './configState';
import type { Logger } from './log';
import type { ProjectHost } from './projectHost';
import type { RuleDocLinks } from './ruleDocs';
import type { DiagnosticsScheduler } from './scheduler';

/** What the client can do, read once from `initialize`. */
export interface ClientFeatures {
  relatedInformation: boolean;
  snippetEdits: boolean;
  documentChanges: boolean;
  showDocument: boolean;
  markdownHover: boolean;
  hierarchicalSymbols: boolean;
  progress: boolean;
  dynamicWatchers: boolean;
  dynamicConfiguration: boolean;
  pullSettings: boolean;
}

/** Shared state handed to each feature (hover, completion, code actions…). */
export interface FeatureContext {
  host: ProjectHost;
  scheduler: DiagnosticsScheduler;
  config: ConfigState;
  docLinks: RuleDocLinks;
  client: ClientFeatures;
  log: Logger;
}

/**
 * The model of a document as the editor holds it now: a pending analysis runs first,
 * so positions in requests and in answers refer to the same text. Undefined for a
 * document that is not a policy document (requests then return empty results).
 */
export function currentModel(ctx: FeatureContext, uri: string): DocumentModel | undefined {
  ctx.scheduler.flush(uri);
  return ctx.host.project.model(uri);
}
