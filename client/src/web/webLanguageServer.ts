import * as vscode from 'vscode';
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  LanguageClient,
  State,
  type LanguageClientOptions,
} from 'vscode-languageclient/browser';
import { COMMANDS } from '../commandIds';
import { PolicyDocumentSync } from '../policyDocumentSync';
import type { PolicyDocumentTracker } from '../policyDocumentTracker';
import { serverStateOf } from '../statusBar';
import { RestartingErrorHandler } from '../restartingErrorHandler';
import { CONFIG_FILES_GLOB } from '../../../server/src/lsp/hostConfigNames';
import { FIND_FILES_REQUEST, READ_FILE_REQUEST, type FindFilesParams, type ReadFileParams } from '../../../server/src/lsp/protocol';
import { findWorkspaceFiles, readWorkspaceFile } from './workspaceFiles';

/** The worker constructor of the extension host (a browser global; the type checker knows Node's globals only). */
declare const Worker: new (url: string) => unknown;

type ServerWorker = ConstructorParameters<typeof BrowserMessageReader>[0] & { terminate(): void };


/**
 * Starts the server script in a worker. An extension installed on a remote server and run
 * in the browser (code-server, Codespaces) has a `vscode-remote:` location, from which the
 * web extension host refuses to start workers; its `fetch` does read such URIs, so the
 * script is started from its text instead. (On vscode.dev and github.dev the extension
 * is served over https and started directly.)
 */
async function startWorker(script: vscode.Uri): Promise<ServerWorker> {
  if (script.scheme !== 'vscode-remote') return new Worker(script.toString(true)) as ServerWorker;
  const response = await fetch(script.toString(true));
  if (!response.ok) throw new Error(`cannot load the language server from ${script.toString(true)} (HTTP ${response.status})`);
  const source = URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
  return new Worker(source) as ServerWorker;
}

/**
 * The language server of the web extension: dist/web/server.js in a web worker, told
 * about exactly the open policy documents (as the desktop client does), and answering the
 * server's requests to read and list workspace files, which it cannot do from a worker.
 */
export class WebLanguageServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private worker: ServerWorker | undefined;
  private readonly sync: PolicyDocumentSync;
  private readonly errorHandler: RestartingErrorHandler;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly clientSubscriptions: vscode.Disposable[] = [];
  private readonly stateChanged = new vscode.EventEmitter<void>();
  /** Fires when the server starts, stops or is restarted. */
  readonly onDidChangeState = this.stateChanged.event;
  private everStarted = false;
  private readonly clientChanged = new vscode.EventEmitter<void>();
  /** Fires when the language client is started or stopped: a restart makes a new client (and worker). */
  readonly onDidChangeClient = this.clientChanged.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    documents: PolicyDocumentTracker,
  ) {
    this.errorHandler = new RestartingErrorHandler(log);
    this.sync = new PolicyDocumentSync(documents, () => (this.isRunning ? this.client : undefined));
    this.subscriptions.push(documents.onDidChange(() => void this.sync.resync()));
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  get isRunning(): boolean {
    return this.client?.state === State.Running;
  }

  /** For the status bar: a client that has not been started yet counts as starting. */
  get state(): 'starting' | 'running' | 'stopped' {
    return serverStateOf(this.client, this.everStarted);
  }

  async start(): Promise<void> {
    if (this.client) return;
    const clientOptions: LanguageClientOptions = {
      // Any scheme: github.dev's files are `vscode-vfs:` URIs. The middleware sends policy documents only.
      documentSelector: [{ language: 'markdown' }],
      diagnosticCollectionName: 'policy-lint',
      outputChannel: this.log,
      errorHandler: this.errorHandler,
      initializationOptions: () => ({ packTemplates: {} }),
      synchronize: {
        configurationSection: 'policyLint',
        fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.md'), vscode.workspace.createFileSystemWatcher(CONFIG_FILES_GLOB)],
      },
      markdown: { isTrusted: { enabledCommands: [COMMANDS.openRuleDocs] }, supportHtml: false },
      middleware: this.sync.middleware,
    };
    const serverMain = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'web', 'server.js');
    // Transports rather than the Worker: the client tells a Worker by `instanceof Worker`, which
    // fails for the workers of VS Code's web extension host (its Worker is a wrapper).
    const transports = async () => {
      this.worker?.terminate();
      this.worker = await startWorker(serverMain);
      return { reader: new BrowserMessageReader(this.worker), writer: new BrowserMessageWriter(this.worker) };
    };
    this.everStarted = true;
    const client = new LanguageClient('policyLint', 'Policy Lint', transports, clientOptions);
    this.client = client;
    // Per client: a restart makes a new client, and the old one's handlers go with it (stop()).
    this.clientSubscriptions.push(
      client.onRequest(READ_FILE_REQUEST, (p: ReadFileParams) => readWorkspaceFile(p)),
      client.onRequest(FIND_FILES_REQUEST, (p: FindFilesParams) => findWorkspaceFiles(p)),
      client.onDidChangeState((e) => {
        // A (re)started server knows no documents; the client re-opens them through the middleware.
        if (e.newState === State.Starting || e.newState === State.Stopped) this.sync.clear();
        this.log.info(`Language server (web worker) ${State[e.newState].toLowerCase()}.`);
        this.stateChanged.fire();
      }),
    );
    try {
      await client.start();
    } catch (e) {
      this.log.error(`The language server did not start: ${(e as Error).message}`);
      void vscode.window.showErrorMessage(`Policy Lint: the language server did not start (${(e as Error).message}). See the "Policy Lint" output.`);
    }
    this.clientChanged.fire();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.sync.clear();
    if (client && client.state !== State.Stopped) await client.stop();
    for (const s of this.clientSubscriptions.splice(0)) s.dispose();
    // The worker outlives the `exit` notification; it is ended here.
    this.worker?.terminate();
    this.worker = undefined;
    if (client) this.clientChanged.fire();
    this.stateChanged.fire();
  }

  async restart(): Promise<void> {
    this.errorHandler.reset();
    this.log.info('Restarting the language server on request.');
    // The browser LanguageClient has no restart(): a new worker is started.
    await this.stop();
    await this.start();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.stateChanged.dispose();
    void this.stop().finally(() => this.clientChanged.dispose());
  }
}
