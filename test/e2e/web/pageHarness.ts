/**
 * Runs in the test page (bundled by esbuild in web.test.ts): starts the browser build of
 * the language server (dist/web/server.js) in a real Web Worker and speaks LSP with it
 * over postMessage, playing the editor. Workspace files live in memory under a virtual
 * `memfs:` folder and are served through the server's `policyLint/readFile` and
 * `policyLint/findFiles` requests, as the web extension serves them from
 * vscode.workspace.fs. The test drives it through `globalThis.policyLintHarness`.
 */
import { BrowserMessageReader, BrowserMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/browser';
import { FIND_FILES_REQUEST, READ_FILE_REQUEST, type FindFilesParams, type ReadFileParams, type ReadFileResult } from '../../../server/src/lsp/protocol';

declare const Worker: new (url: string) => ConstructorParameters<typeof BrowserMessageReader>[0] & { terminate(): void };

interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Array<{ code?: string | number; severity?: number; message: string; range: { start: { line: number } } }>;
}

class PageHarness {
  private connection: MessageConnection | undefined;
  private worker: { terminate(): void } | undefined;
  /** Workspace files by URI: what `policyLint/readFile` answers. */
  files: Record<string, string> = {};
  readonly diagnostics: Record<string, PublishedDiagnostics> = {};
  readonly logs: string[] = [];
  readonly readRequests: string[] = [];
  readonly findRequests: FindFilesParams[] = [];
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  settings: Record<string, unknown> = {};

  async start(folder: string, files: Record<string, string>, settings: Record<string, unknown> = {}): Promise<unknown> {
    this.files = files;
    this.settings = settings;
    const worker = new Worker('/dist/web/server.js');
    this.worker = worker;
    const connection = createMessageConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
    this.connection = connection;
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.diagnostics[p.uri] = p;
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    connection.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest<ReadFileResult, never>(READ_FILE_REQUEST, (p: ReadFileParams) => {
      this.readRequests.push(p.uri);
      const text = this.files[p.uri];
      const result: ReadFileResult = text === undefined ? { ok: false, reason: 'missing', message: 'does not exist (test page)' } : { ok: true, text, bom: false };
      return result;
    });
    connection.onRequest(FIND_FILES_REQUEST, (p: FindFilesParams) => {
      this.findRequests.push(p);
      // Everything under the folder: the server matches the globs itself.
      return { uris: Object.keys(this.files).filter((uri) => uri.startsWith(`${p.folder}/`)) };
    });
    connection.listen();
    const result = await connection.sendRequest('initialize', {
      processId: null,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'workspace' }],
      clientInfo: { name: 'policy-lint web worker test' },
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, hover: { contentFormat: ['markdown'] } },
        window: { workDoneProgress: true },
      },
    });
    await connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection!.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  async change(uri: string, text: string, version: number): Promise<void> {
    await this.connection!.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** A workspace file changed on the (virtual) file system. */
  async fileChanged(uri: string, text: string | undefined): Promise<void> {
    if (text === undefined) delete this.files[uri];
    else this.files[uri] = text;
    await this.connection!.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: text === undefined ? 3 : 2 }] });
  }

  request(method: string, params: unknown): Promise<unknown> {
    return this.connection!.sendRequest(method, params);
  }

  async stop(): Promise<void> {
    try {
      await this.connection?.sendRequest('shutdown');
      await this.connection?.sendNotification('exit');
    } finally {
      this.connection?.dispose();
      this.worker?.terminate();
    }
  }
}

(globalThis as unknown as { policyLintHarness: PageHarness }).policyLintHarness = new PageHarness();
