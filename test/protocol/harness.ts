/**
 * A minimal LSP client for the protocol tests: spawns the built server over stdio,
 * answers the server's requests the way VS Code does (settings, registrations, progress,
 * showDocument), records what the server sends, and waits for notifications with a
 * predicate and a timeout (never a fixed sleep).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  Diagnostic,
  PublishDiagnosticsParams,
  Range,
  ShowDocumentParams,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
export const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const DEFAULT_TIMEOUT = 5000;

/** What VS Code (through vscode-languageclient 11) announces, for the parts the server reads. */
export function vscodeLikeCapabilities(): ClientCapabilities {
  return {
    workspace: {
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      workspaceEdit: { documentChanges: true, snippetEditSupport: true },
      symbol: { dynamicRegistration: true },
      executeCommand: { dynamicRegistration: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: true, didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { snippetSupport: true } },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    },
    window: { workDoneProgress: true, showDocument: { support: true } },
  };
}

export interface StartOptions {
  /** Folder to open as the workspace; `copyFixture()` gives a scratch copy of the example workspace. */
  workspace: string;
  /** The `policyLint` settings section the client answers with (mutable through `harness.settings`). */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  clientInfo?: { name: string; version?: string };
  /** Wait for `policyLint/indexed` before returning (default true). */
  waitForIndex?: boolean;
}

export interface Notification {
  method: string;
  params: any;
}

export class ServerHarness {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics, in order, for assertions on what was (never) shown. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly notifications: Notification[] = [];
  readonly logs: Array<{ type: number; message: string }> = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly registrations: Array<{ method: string; registerOptions?: any }> = [];
  readonly progressTokens: Array<string | number> = [];
  settings: Record<string, unknown>;
  initializeResult: any;
  stderr = '';
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();

  constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
    readonly workspace: string,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    proc.stderr?.on('data', (d) => (this.stderr += String(d)));
    conn.onNotification((method, params: any) => {
      if (method === 'textDocument/publishDiagnostics') {
        this.diagnostics.set(params.uri, params);
        this.published.push(params);
      } else if (method === 'window/logMessage') this.logs.push(params);
      this.notifications.push({ method, params });
      for (const w of [...this.waiters]) w();
    });
    // $/progress goes to per-token handlers in vscode-jsonrpc; record it like any other notification.
    conn.onUnhandledProgress((params) => {
      this.notifications.push({ method: '$/progress', params });
      for (const w of [...this.waiters]) w();
    });
    conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map((i) => (i.section === 'policyLint' ? this.settings : null)));
    conn.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string; registerOptions?: any }> }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.progressTokens.push(p.token);
      return null;
    });
    conn.onRequest('window/showDocument', (p: ShowDocumentParams) => {
      this.shownDocuments.push(p);
      return { success: true };
    });
    conn.onRequest('window/showMessageRequest', () => null);
    conn.onRequest('workspace/applyEdit', () => ({ applied: false }));
  }

  uri(relative: string): string {
    return URI.file(path.join(this.workspace, relative)).toString();
  }

  file(relative: string): string {
    return path.join(this.workspace, relative);
  }

  /** Resolves with the first notification (already received or coming) that matches. */
  waitForNotification(method: string, predicate: (params: any) => boolean = () => true, timeoutMs = DEFAULT_TIMEOUT): Promise<any> {
    return this.waitUntil(() => this.notifications.find((n) => n.method === method && predicate(n.params))?.params, `${method} matching ${predicate}`, timeoutMs);
  }

  /** Resolves when the latest diagnostics published for `uri` match. */
  waitForDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean, timeoutMs = DEFAULT_TIMEOUT): Promise<PublishDiagnosticsParams> {
    return this.waitUntil(
      () => {
        const p = this.diagnostics.get(uri);
        return p && predicate(p) ? p : undefined;
      },
      () => `diagnostics for ${uri} matching ${predicate}; latest: ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.map(brief))}`,
      timeoutMs,
    );
  }

  /** Diagnostics for the given version of an open document. */
  diagnosticsForVersion(uri: string, version: number, timeoutMs = DEFAULT_TIMEOUT): Promise<Diagnostic[]> {
    return this.waitForDiagnostics(uri, (p) => p.version === version, timeoutMs).then((p) => p.diagnostics);
  }

  waitUntil<T>(probe: () => T | undefined, what: string | (() => string), timeoutMs = DEFAULT_TIMEOUT): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (v === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(v);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}${this.stderr ? `\nserver stderr:\n${this.stderr}` : ''}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  open(relative: string, text?: string): { uri: string; version: number; text: string } {
    const uri = this.uri(relative);
    const content = text ?? fs.readFileSync(this.file(relative), 'utf8');
    this.versions.set(uri, 1);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: content } });
    return { uri, version: 1, text: content };
  }

  /** Sends an incremental change; returns the new version. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): void {
    this.versions.delete(uri);
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    void this.conn.sendNotification(method, params);
  }

  logText(): string {
    return this.logs.map((l) => l.message).join('\n');
  }

  /** Shutdown + exit; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.proc.exitCode !== null) return this.proc.exitCode;
    const exited = new Promise<number | null>((r) => this.proc.once('exit', (code) => r(code)));
    try {
      await this.request('shutdown', null);
      this.notify('exit', null);
    } catch {
      this.proc.kill();
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
    const code = await exited;
    clearTimeout(timer);
    this.conn.dispose();
    return code;
  }
}

export async function startServer(options: StartOptions): Promise<ServerHarness> {
  const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const harness = new ServerHarness(proc, conn, options.workspace, options.settings ?? { debounceMs: 20 });
  conn.listen();
  harness.initializeResult = await harness.request('initialize', {
    processId: process.pid,
    clientInfo: options.clientInfo,
    rootUri: URI.file(options.workspace).toString(),
    workspaceFolders: [{ uri: URI.file(options.workspace).toString(), name: path.basename(options.workspace) }],
    capabilities: options.capabilities ?? vscodeLikeCapabilities(),
    initializationOptions: options.initializationOptions,
  });
  harness.notify('initialized', {});
  if (options.waitForIndex !== false) await harness.waitForNotification('policyLint/indexed', () => true, 10_000);
  return harness;
}

/** A scratch copy of the example workspace (tests edit files in it). */
export function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-lsp-'));
  fs.cpSync(FIXTURE_WORKSPACE, dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The text edits a workspace edit makes to one document; snippet placeholders become their default text. */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const out: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const dc of edit.documentChanges ?? []) {
    if (!('textDocument' in dc) || dc.textDocument.uri !== uri) continue;
    for (const e of dc.edits as any[]) out.push('snippet' in e ? { range: e.range, newText: snippetText(e.snippet.value) } : e);
  }
  return out;
}

/** Applies a workspace edit to a text (throws on overlapping edits, as editors refuse them). */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), editsFor(edit, uri));
}

/** `${1:reason}` → `reason`, `$0` → ``, `\$` → `$`. */
export function snippetText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_, d: string) => d)
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

export function rangeOf(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

export function brief(d: Diagnostic): string {
  return `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}

/** Position of the first occurrence of `needle` in `text` (after `from`), as an LSP position. */
export function positionOf(text: string, needle: string, from = 0): { line: number; character: number } {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`"${needle}" not in the text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
