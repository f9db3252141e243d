import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { RULES_BY_ID } from '../engine';
import { codeActions } from './codeActions';
import { completion } from './completion';
import { ConfigState } from './configState';
import type { ClientFeatures, FeatureContext } from './context';
import type { ServerHost } from './host';
import { CONFIG_FILES_GLOB } from './hostConfigNames';
import { problemToDiagnostic } from './diagnostics';
import { hover } from './hover';
import { errorText, Logger } from './log';
import { isLintable, ProjectHost } from './projectHost';
import { CONFIG_CODE, FIX_ALL_KIND, INDEXED_NOTIFICATION, OPEN_RULE_DOCS_COMMAND, PACK_TEMPLATES_NOTIFICATION, STATS_REQUEST, SUMMARY_REQUEST, type StatsResult } from './protocol';
import { RuleDocLinks } from './ruleDocs';
import { DiagnosticsScheduler } from './scheduler';
import { summary } from './summary';
import { SummaryChanges } from './summaryChanges';
import { documentSymbols, workspaceSymbols } from './symbols';
import { WorkspaceIndex } from './workspaceIndex';

/**
 * Commands the server announces. A client that registers a command of the same id itself
 * must not get it announced too: vscode-languageclient would register it a second time and
 * VS Code refuses that ("command already exists"), failing the client's start. The Policy
 * Lint extension registers `policyLint.openRuleDocs` (it opens the bundled page in the
 * Markdown preview), so VS Code-family clients, and any client listing commands in
 * `initializationOptions.clientCommands`, run it themselves; other clients (Neovim, Emacs…)
 * send `workspace/executeCommand` and the server asks them to show the page.
 */
function serverCommands(params: InitializeParams): string[] {
  const own = (params.initializationOptions as { clientCommands?: unknown } | undefined)?.clientCommands;
  const byClient = new Set(Array.isArray(own) ? own.filter((c): c is string => typeof c === 'string') : []);
  if (VSCODE_FAMILY.test(params.clientInfo?.name ?? '')) byClient.add(OPEN_RULE_DOCS_COMMAND);
  return [OPEN_RULE_DOCS_COMMAND].filter((c) => !byClient.has(c));
}

/** `vscode.env.appName` of VS Code and its builds (what vscode-languageclient sends as clientInfo.name). */
const VSCODE_FAMILY = /^(?:visual studio code|code - oss|vscodium|code-server)/i;

/**
 * One language server session: wires the LSP connection to the project host, the
 * scheduler, the workspace index and the features. Files are read through the server
 * host (Node's file system, or the editor when the server runs in a browser worker).
 * Work that changes what is indexed (config reloads, scans, file events, closing a
 * document) runs one piece at a time in a queue, so two of them never interleave;
 * requests and edits are served in between.
 */
export class Session {
  readonly documents = new TextDocuments(TextDocument);
  readonly log: Logger;
  shutdownReceived = false;
  private ctx: FeatureContext | undefined;
  private index: WorkspaceIndex | undefined;
  private queue: Promise<void> = Promise.resolve();
  private markReady!: () => void;
  private readonly ready = new Promise<void>((r) => (this.markReady = r));
  private configUris = new Set<string>();
  private readonly docLinks: RuleDocLinks;
  private summaryChanges: SummaryChanges | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly files: ServerHost,
  ) {
    this.log = new Logger(connection.console);
    this.docLinks = new RuleDocLinks(files);
    connection.onInitialize((p) => this.initialize(p));
    connection.onInitialized(() => this.initialized());
    connection.onShutdown(() => this.shutdown());

    this.documents.onDidChangeContent((e) => this.documentChanged(e.document));
    this.documents.onDidClose((e) => this.documentClosed(e.document));
    connection.onDidChangeWatchedFiles((p) =>
      this.enqueue('file events', async () => {
        if (await this.index!.applyFileEvents(p.changes)) await this.reconfigure(false);
      }),
    );
    connection.onDidChangeConfiguration((p) =>
      this.enqueue('configuration change', async () => {
        if (this.ctx) this.ctx.config.pushedSettings = p.settings;
        await this.reconfigure(false);
      }),
    );

    connection.onCodeAction((p, token) => this.guard('code actions', [], (ctx) => codeActions(ctx, p), token));
    connection.onHover((p, token) => this.guard('hover', null, (ctx) => hover(ctx, p), token));
    connection.onCompletion((p, token) => this.guard('completion', [], (ctx) => completion(ctx, p), token));
    connection.onDocumentSymbol((p, token) => this.guard('document symbols', [], (ctx) => documentSymbols(ctx, p), token));
    connection.onWorkspaceSymbol((p, token) => this.guard('workspace symbols', [], (ctx) => workspaceSymbols(ctx, p, token), token));
    connection.onExecuteCommand((p) => this.executeCommand(p.command, p.arguments ?? []));
    connection.onRequest(STATS_REQUEST, () => this.stats());
    connection.onRequest(SUMMARY_REQUEST, (p: unknown) =>
      this.guard('participation summary', null, (ctx) => {
        this.summaryChanges?.requested();
        return summary(ctx, p);
      }),
    );
    connection.onNotification(PACK_TEMPLATES_NOTIFICATION, (p: { templates?: unknown } | undefined) =>
      this.enqueue('snippet pack templates', async () => {
        this.ctx?.config.setPackTemplates(p?.templates);
        await this.reconfigure(false);
      }),
    );
    this.documents.listen(connection);
  }

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    const client: ClientFeatures = {
      relatedInformation: !!caps.textDocument?.publishDiagnostics?.relatedInformation,
      snippetEdits: !!caps.workspace?.workspaceEdit?.snippetEditSupport,
      documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
      showDocument: !!caps.window?.showDocument?.support,
      markdownHover: !!caps.textDocument?.hover?.contentFormat?.includes('markdown'),
      hierarchicalSymbols: !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport,
      progress: !!caps.window?.workDoneProgress,
      dynamicWatchers: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      dynamicConfiguration: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
      pullSettings: !!caps.workspace?.configuration,
    };
    this.workspaceFolderEvents = !!caps.workspace?.workspaceFolders;
    const config = new ConfigState(this.connection, this.files, this.log, client.pullSettings);
    config.initialSettings = params.initializationOptions;
    config.setPackTemplates((params.initializationOptions as { packTemplates?: unknown } | undefined)?.packTemplates);
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: URI.parse(params.rootUri).fsPath }] : []);
    config.setFolders(folders);
    const host = new ProjectHost({ connection: this.connection, documents: this.documents, config, log: this.log, docLinks: this.docLinks, relatedInformation: client.relatedInformation });
    const scheduler = new DiagnosticsScheduler(host, this.ready, this.log);
    this.index = new WorkspaceIndex({ connection: this.connection, files: this.files, host, config, scheduler, log: this.log, progress: client.progress });
    this.ctx = { host, scheduler, config, docLinks: this.docLinks, client, log: this.log };
    this.summaryChanges = new SummaryChanges({ project: host.project, notify: (m) => void this.connection.sendNotification(m), idle: () => scheduler.idle(), log: this.log });
    host.onWillPublish = () => this.summaryChanges?.published();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['[', '#'] },
        documentSymbolProvider: { label: 'Policy Lint' },
        workspaceSymbolProvider: true,
        executeCommandProvider: { commands: serverCommands(params) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'policy-lint' },
    };
  }

  private workspaceFolderEvents = false;
  private initialized(): void {
    const ctx = this.ctx!;
    if (this.workspaceFolderEvents) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) =>
        this.enqueue('workspace folders change', async () => {
          const kept = this.ctx!.config.folders.filter((f) => !e.removed.some((r) => r.uri === f.uri));
          this.ctx!.config.setFolders([...kept, ...e.added]);
          await this.reconfigure(true);
        }),
      );
    }
    if (ctx.client.dynamicWatchers) {
      // A client that refuses a registration must not take the server down with it.
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.md' }, { globPattern: CONFIG_FILES_GLOB }],
        })
        .catch((e: unknown) => this.log.warn(`The client refused to watch files: ${String(e)}`));
    }
    if (ctx.client.dynamicConfiguration) {
      this.connection.client
        .register(DidChangeConfigurationNotification.type, undefined)
        .catch((e: unknown) => this.log.warn(`The client refused configuration change notifications: ${String(e)}`));
    }
    this.enqueue('start', async () => {
      try {
        await ctx.config.refresh();
        this.log.verbose = ctx.config.folders[0]?.settings.trace.server === 'verbose';
        this.publishConfigProblems();
        ctx.host.project.setConfig(ctx.config.resolved);
      } finally {
        // Whatever went wrong was logged; open documents are analysed with what could be loaded.
        this.markReady();
      }
      const result = await this.index!.scan();
      this.files.releaseMemory();
      void this.connection.sendNotification(INDEXED_NOTIFICATION, result);
    });
  }

  private shutdown(): void {
    this.shutdownReceived = true;
    this.index?.stop();
    this.ctx?.scheduler.dispose();
    this.summaryChanges?.dispose();
  }

  private documentChanged(doc: TextDocument): void {
    const ctx = this.ctx;
    if (!ctx || !isLintable(doc)) return;
    // A just-opened document is analysed at once; edits wait for the author to pause.
    const delay = ctx.host.hasAnalysed(doc.uri) ? ctx.config.settingsFor(doc.uri).debounceMs : 0;
    ctx.scheduler.schedule(doc.uri, delay);
  }

  private documentClosed(doc: TextDocument): void {
    const ctx = this.ctx;
    if (!ctx || !isLintable(doc)) return;
    ctx.scheduler.cancel(doc.uri);
    ctx.host.forgetOpen(doc.uri);
    // The stored file takes over (or the document leaves the index if it has no file).
    this.enqueue('document close', async () => {
      if (this.files.canRead(doc.uri)) await this.index!.refreshFromStorage(doc.uri);
      else ctx.scheduler.enqueue([doc.uri, ...ctx.host.remove(doc.uri)]);
    });
  }

  /** Settings or the config file changed: re-validate every document without a restart. */
  private async reconfigure(rescan: boolean): Promise<void> {
    const ctx = this.ctx!;
    const changed = await ctx.config.refresh();
    this.log.verbose = ctx.config.folders[0]?.settings.trace.server === 'verbose';
    this.publishConfigProblems();
    if (changed) {
      ctx.host.project.setConfig(ctx.config.resolved);
      // Open documents may enter or leave the scope with new include/exclude globs.
      for (const doc of this.documents.all()) {
        if (!isLintable(doc)) continue;
        ctx.host.forgetOpen(doc.uri);
        ctx.scheduler.flush(doc.uri);
      }
    }
    if (changed || rescan) await this.index!.scan();
    else ctx.scheduler.enqueue(ctx.host.publishable());
  }

  /** Config file problems are shown on the config file; one the editor cannot open (a missing file) is shown as a message. */
  private publishConfigProblems(): void {
    const byUri = new Map<string, Diagnostic[]>();
    const { problems, configFile } = this.ctx!.config;
    for (const p of problems) {
      this.log.once('warn', `config-problem:${p.message}`, p.message);
      const uri = URI.parse(p.source).toString();
      if (uri !== configFile) {
        void this.connection.window.showWarningMessage(`Policy Lint: ${p.message}`);
        continue;
      }
      byUri.set(uri, [...(byUri.get(uri) ?? []), problemToDiagnostic(p, CONFIG_CODE)]);
    }
    for (const uri of this.configUris) if (!byUri.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, diagnostics] of byUri) {
      diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      void this.connection.sendDiagnostics({ uri, diagnostics });
    }
    this.configUris = new Set(byUri.keys());
  }

  private async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    if (command !== OPEN_RULE_DOCS_COMMAND) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${command}.`);
    const id = args[0];
    if (typeof id !== 'string' || !RULES_BY_ID.has(id)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `${OPEN_RULE_DOCS_COMMAND} needs a rule id (one of ${[...RULES_BY_ID.keys()].join(', ')}), got ${JSON.stringify(id)}.`);
    }
    const ctx = this.ctx!;
    const settings = ctx.config.folders[0]?.settings ?? ctx.config.globalSettings;
    const uri = this.docLinks.link(id, settings.docsBaseUrl);
    if (ctx.client.showDocument) {
      const shown = await this.connection.window.showDocument({ uri, external: !uri.startsWith('file:'), takeFocus: true });
      if (!shown.success) this.log.warn(`The editor could not show ${uri}.`);
    } else {
      void this.connection.window.showInformationMessage(`Documentation for ${id}: ${uri}`);
    }
    return { uri };
  }

  private stats(): StatsResult {
    const ctx = this.ctx;
    return {
      memory: this.files.memoryUsage(),
      documents: {
        indexed: ctx?.host.project.uris().length ?? 0,
        open: this.documents.all().filter(isLintable).length,
        withDiagnostics: ctx?.host.publishedCount ?? 0,
      },
      work: { ...(ctx?.host.counters ?? { upserts: 0, publishes: 0 }) },
      ruleErrors: ctx?.host.project.ruleErrors.length ?? 0,
      indexing: this.index?.indexing ?? false,
    };
  }

  /**
   * Runs a request handler; a failure is logged and answered with an empty result. A request
   * the client cancelled while it waited (behind an analysis, say) is answered RequestCancelled
   * without running: it would otherwise force an analysis of the newest text before the pause.
   */
  private guard<T>(what: string, empty: T, run: (ctx: FeatureContext) => T, token?: CancellationToken): T {
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${what}: cancelled by the client`);
    if (!this.ctx) return empty;
    try {
      return run(this.ctx);
    } catch (e) {
      // A request refused for its parameters is answered with that error, not logged as a failure.
      if (e instanceof ResponseError) throw e;
      this.log.error(`${what} failed: ${errorText(e)}`);
      return empty;
    }
  }

  private enqueue(what: string, work: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.shutdownReceived) return;
      try {
        await work();
      } catch (e) {
        this.log.error(`${what} failed: ${errorText(e)}`);
      }
    });
  }
}
