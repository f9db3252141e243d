import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { TemplateDefinition } from '../../server/src/engine/config/types';
import { CONFIG_FILES_GLOB } from '../../server/src/lsp/hostConfigNames';
import { SERVER_NODE_FLAGS } from '../../server/src/node/serverFlags';
import { COMMANDS, PACK_TEMPLATES_NOTIFICATION } from './commandIds';
import { PolicyDocumentSync } from './policyDocumentSync';
import type { PolicyDocumentTracker } from './policyDocumentTracker';
import { serverStateOf } from './statusBar';
import { RestartingErrorHandler } from './restartingErrorHandler';


/**
 * Runs the language server and keeps it told about exactly the open policy documents.
 * Every Markdown document passes through the middleware; only policy documents are sent.
 * A document that becomes one (front matter gains `policy: true`, settings change) is
 * opened on the server then, and one that stops matching the settings is closed there.
 */
export class PolicyLanguageServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly sync: PolicyDocumentSync;
  private readonly errorHandler: RestartingErrorHandler;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Listeners on the current client, dropped with it in stop() (turning Policy Lint off and on makes a new one). */
  private readonly clientSubscriptions: vscode.Disposable[] = [];
  private readonly stateChanged = new vscode.EventEmitter<void>();
  /** Fires when the server starts, stops or is restarted. */
  readonly onDidChangeState = this.stateChanged.event;
  private everStarted = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    documents: PolicyDocumentTracker,
    private readonly packTemplates: () => Record<string, TemplateDefinition>,
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
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'markdown' },
        { scheme: 'untitled', language: 'markdown' },
      ],
      diagnosticCollectionName: 'policy-lint',
      outputChannel: this.log,
      errorHandler: this.errorHandler,
      initializationOptions: () => ({ packTemplates: this.packTemplates() }),
      synchronize: {
        configurationSection: 'policyLint',
        fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.md'), vscode.workspace.createFileSystemWatcher(CONFIG_FILES_GLOB)],
      },
      markdown: { isTrusted: { enabledCommands: [COMMANDS.openRuleDocs] }, supportHtml: false },
      middleware: this.sync.middleware,
    };
    this.everStarted = true;
    const client = new LanguageClient('policyLint', 'Policy Lint', serverOptions, clientOptions);
    this.client = client;
    this.clientSubscriptions.push(
      client.onDidChangeState((e) => {
        // A (re)started server knows no documents; the client re-opens them through the middleware.
        if (e.newState === State.Starting || e.newState === State.Stopped) this.sync.clear();
        this.log.info(`Language server ${State[e.newState].toLowerCase()}.`);
        this.stateChanged.fire();
      }),
    );
    try {
      await client.start();
    } catch (e) {
      this.log.error(`The language server did not start: ${(e as Error).message}`);
      void vscode.window.showErrorMessage(`Policy Lint: the language server did not start (${(e as Error).message}). See the "Policy Lint" output.`);
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.sync.clear();
    if (client && client.state !== State.Stopped) await client.stop();
    for (const sub of this.clientSubscriptions.splice(0)) sub.dispose();
    this.stateChanged.fire();
  }

  async restart(): Promise<void> {
    this.errorHandler.reset();
    if (!this.client) return this.start();
    this.log.info('Restarting the language server on request.');
    await this.client.restart();
  }

  /** Tells the server the templates snippet packs define (see the report on packs). */
  async sendPackTemplates(templates: Record<string, TemplateDefinition>): Promise<void> {
    if (this.isRunning) await this.client!.sendNotification(PACK_TEMPLATES_NOTIFICATION, { templates });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.stateChanged.dispose();
    void this.stop();
  }
}
