/**
 * Policy Lint's own LSP messages, beside the standard protocol. Shared by the server,
 * its protocol tests and the measurement script, so names cannot drift apart.
 */

/** Sent once the workspace index is built (after the progress `end`). */
export const INDEXED_NOTIFICATION = 'policyLint/indexed';
export interface IndexedParams {
  /** Policy documents in the project after indexing. */
  documents: number;
  /** Markdown files looked at (policy documents and others). */
  filesSeen: number;
  /** Files that could not be read (binary, invalid UTF-8, I/O error). */
  unreadable: number;
  durationMs: number;
}

/** Request: the participation summary of the workspace ({ markdown, rows }), or of one folder of it. */
export const SUMMARY_REQUEST = 'policyLint/summary';
export interface SummaryParams {
  /** Folder URI: only statements in documents under it (registry entries still count). Default: the whole workspace. */
  folder?: string;
  /** false: rows only (live views); the Markdown is for reading and export. Default true. */
  markdown?: boolean;
}

/**
 * Notification (no params): the participation summary may have changed (statements edited,
 * documents indexed, added or removed, configuration reloaded); ask for it again. Sent,
 * debounced, only to a client that has asked for the summary at least once.
 */
export const SUMMARY_CHANGED_NOTIFICATION = 'policyLint/summaryChanged';

/** Request: process memory and document counts, for measurements and bug reports. */
export const STATS_REQUEST = 'policyLint/stats';
export interface StatsResult {
  memory: NodeJS.MemoryUsage;
  documents: { indexed: number; open: number; withDiagnostics: number };
  /** Documents analysed (engine upserts) and diagnostics published since the server started. */
  work: { upserts: number; publishes: number };
  ruleErrors: number;
  indexing: boolean;
}

/**
 * Request from the server to the client (the browser build, whose server runs in a web
 * worker without file system): the text of a workspace file, read by the editor (its
 * file system may be virtual, as on github.dev). Decoded by the client with the same
 * rules as the Node server's reads (lsp/hostText.ts).
 */
export const READ_FILE_REQUEST = 'policyLint/readFile';
export interface ReadFileParams {
  uri: string;
}
export type ReadFileResult =
  | { ok: true; text: string; bom: boolean }
  | { ok: false; reason: 'missing' | 'binary' | 'encoding' | 'io'; message: string };

/**
 * Request from the server to the client (browser build): the files under a workspace
 * folder matching `include` globs and no `exclude` glob (relative to the folder), as URIs.
 */
export const FIND_FILES_REQUEST = 'policyLint/findFiles';
export interface FindFilesParams {
  folder: string;
  include: string[];
  exclude: string[];
}
export interface FindFilesResult {
  uris: string[];
}

/** The command behind "Show documentation for RULE"; its one argument is the rule id. */
export const OPEN_RULE_DOCS_COMMAND = 'policyLint.openRuleDocs';

/**
 * Notification from the VS Code client: the section templates its snippet packs define,
 * `{ templates: Record<name, TemplateDefinition> }`. The same object may come at start as
 * `initializationOptions.packTemplates`. Templates in the repository config file win.
 */
export const PACK_TEMPLATES_NOTIFICATION = 'policyLint/packTemplates';

/** Code action kind for "fix all safe problems", requested on save with `source.fixAll`. */
export const FIX_ALL_KIND = 'source.fixAll.policyLint';

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'policy-lint';

/** Diagnostic codes for problems that are not rule findings. */
export const FRONT_MATTER_CODE = 'front-matter';
export const CONFIG_CODE = 'config';
export const INTERNAL_ERROR_CODE = 'internal-error';

/** What every rule diagnostic carries in `data`, for code actions: which finding it is (fixes are looked up on the server, not sent with every diagnostic). */
export interface DiagnosticData {
  ruleId: string;
  fingerprint: string;
  /** Document version the finding was computed for; undefined for closed files. */
  version?: number;
}
