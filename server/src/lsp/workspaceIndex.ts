import { FileChangeType, type Connection, type FileEvent, type WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { ConfigState } from './configState';
import type { ServerHost } from './host';
import { displayUri, isAtOrUnder } from './hostPaths';
import type { Logger } from './log';
import { isMarkdownPath } from './policyScope';
import type { ProjectHost } from './projectHost';
import type { IndexedParams } from './protocol';
import type { DiagnosticsScheduler } from './scheduler';

/** Files read concurrently per batch; the event loop runs between batches. */
const READ_BATCH = 64;
/** Below this many files indexing is quick enough that a progress bar would only flicker. */
export const PROGRESS_THRESHOLD = 50;

export interface WorkspaceIndexOptions {
  connection: Connection;
  /** Where files are read from (the disk, or the editor in the browser). */
  files: ServerHost;
  host: ProjectHost;
  config: ConfigState;
  scheduler: DiagnosticsScheduler;
  log: Logger;
  /** The client shows `window/workDoneProgress`. */
  progress: boolean;
}

/**
 * Keeps the project in step with the files of the workspace folders: a full scan on
 * start (and when folders or include/exclude globs change), then file events. Files
 * are read asynchronously in batches so requests are answered while a large workspace
 * is indexed. A document open in the editor is never replaced by its file on disk.
 */
export class WorkspaceIndex {
  indexing = false;
  private stopped = false;

  constructor(private readonly o: WorkspaceIndexOptions) {}

  stop(): void {
    this.stopped = true;
  }

  /**
   * Scans every folder, adds the policy documents not yet indexed, removes indexed files
   * no longer in scope, then publishes every document. Returns what was done.
   */
  async scan(): Promise<IndexedParams> {
    const started = performance.now();
    this.indexing = true;
    let progress: WorkDoneProgressServerReporter | undefined;
    try {
      const { host, config, log } = this.o;
      const files = await this.listFiles();
      const found = new Set(files);
      const toRead = files.filter((uri) => !host.project.has(uri));
      if (this.o.progress && toRead.length >= PROGRESS_THRESHOLD) {
        progress = await this.o.connection.window.createWorkDoneProgress();
        progress.begin('Policy Lint: indexing', 0, `0/${toRead.length} files`, false);
      }
      let unreadable = 0;
      for (let i = 0; i < toRead.length && !this.stopped; i += READ_BATCH) {
        const batch = toRead.slice(i, i + READ_BATCH);
        const results = await Promise.all(batch.map((uri) => this.o.files.readTextFile(uri)));
        for (const [j, r] of results.entries()) {
          const uri = batch[j];
          if (host.openDocument(uri)) continue;
          if (!r.ok) {
            // Deleted since it was listed: not a problem with the file.
            if (r.reason === 'missing') continue;
            unreadable++;
            log.warn(`${displayUri(uri)}: ${r.message}; not indexed.`);
            continue;
          }
          // Indexing publishes every document afterwards: no need to work out who each one affects.
          if (config.scope.isPolicyDocument(uri, r.text)) host.upsert(uri, r.text, { trackAffected: false });
        }
        const done = Math.min(i + READ_BATCH, toRead.length);
        progress?.report(Math.round((done / toRead.length) * 100), `${done}/${toRead.length} files`);
        await this.o.files.yieldToEvents();
      }
      // Files gone from the scope (deleted while not watched, or excluded by new globs).
      for (const uri of host.project.uris()) {
        if (host.openDocument(uri) || !this.o.files.canRead(uri)) continue;
        const text = host.project.model(uri)?.text;
        if (found.has(uri) && text !== undefined && config.scope.isPolicyDocument(uri, text)) continue;
        this.o.scheduler.enqueue([uri, ...host.remove(uri)]);
      }
      progress?.report(100, 'publishing diagnostics');
      this.o.scheduler.enqueue(host.publishable());
      await this.o.scheduler.idle();
      const result: IndexedParams = { documents: host.project.uris().length, filesSeen: files.length, unreadable, durationMs: Math.round(performance.now() - started) };
      log.info(`Indexed ${result.documents} policy document(s) of ${files.length} Markdown file(s) in ${result.durationMs} ms.`);
      return result;
    } finally {
      progress?.done();
      this.indexing = false;
    }
  }

  /** Applies file events from the client's watchers. Returns true if a config file changed. */
  async applyFileEvents(changes: FileEvent[]): Promise<boolean> {
    const { host, config, scheduler, log } = this.o;
    let configChanged = false;
    // The client may pass the same event through two watchers: handle each file once, last event wins.
    const last = new Map<string, FileEvent>();
    for (const c of changes) last.set(c.uri, c);
    for (const change of last.values()) {
      if (!this.o.files.canRead(change.uri)) continue;
      const uri = URI.parse(change.uri).toString();
      if (config.isConfigFile(uri)) {
        configChanged = true;
        continue;
      }
      if (!isMarkdownPath(URI.parse(uri).path)) {
        // A deleted folder arrives as one event for the folder.
        if (change.type === FileChangeType.Deleted) this.removeUnder(uri);
        continue;
      }
      if (host.openDocument(uri)) continue; // the editor's text wins; the file is re-read when it closes
      if (change.type === FileChangeType.Deleted) {
        scheduler.enqueue([uri, ...host.remove(uri)]);
        continue;
      }
      await this.refreshFromStorage(uri);
      log.debug(`File ${change.type === FileChangeType.Created ? 'created' : 'changed'}: ${displayUri(uri)}`);
    }
    return configChanged;
  }

  /**
   * Re-reads a document that is not open (after a file event, or when its editor closes)
   * from where the host keeps files: the disk, or the editor's file system in the browser.
   */
  async refreshFromStorage(uri: string): Promise<void> {
    const { host, config, scheduler, log } = this.o;
    const r = await this.o.files.readTextFile(uri);
    if (host.openDocument(uri)) return; // opened while reading
    const inFolder = config.scope.folderOf(uri) !== undefined;
    if (r.ok && inFolder && config.scope.isPolicyDocument(uri, r.text)) {
      scheduler.enqueue([uri, ...host.upsert(uri, r.text).all]);
      return;
    }
    if (!r.ok && (r.reason === 'binary' || r.reason === 'encoding')) log.warn(`${displayUri(uri)}: ${r.message}; not indexed.`);
    scheduler.enqueue([uri, ...host.remove(uri)]);
  }

  private removeUnder(dirUri: string): void {
    for (const uri of this.o.host.project.uris()) {
      if (uri !== dirUri && isAtOrUnder(dirUri, uri) && !this.o.host.openDocument(uri)) this.o.scheduler.enqueue([uri, ...this.o.host.remove(uri)]);
    }
  }

  private async listFiles(): Promise<string[]> {
    const { config, log } = this.o;
    const { include, exclude } = config.resolved.config;
    // Every Markdown file is a candidate: one outside the include globs is a policy document if its front matter says so.
    const patterns = [...new Set(['**/*.md', ...include])];
    const out = new Set<string>();
    for (const folder of config.folders) {
      try {
        const found = await this.o.files.findFiles(folder.uri, patterns, exclude);
        for (const uri of found) if (config.scope.classify(uri) !== 'excluded') out.add(URI.parse(uri).toString());
      } catch (e) {
        log.warn(`Could not list the files of ${displayUri(folder.uri)}: ${(e as Error).message}`);
      }
    }
    return [...out].sort();
  }
}
