import * as vscode from 'vscode';
// The common entry of the language client: the same code serves the desktop and the web extension.
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { SUMMARY_CHANGED_NOTIFICATION, SUMMARY_REQUEST } from '../commandIds';
import type { SummaryResponse, SummaryRow } from './summaryRows';

/** The part of the extension's language server wrapper the summary uses (desktop and web alike). */
export interface SummaryServer {
  /** The current client; replaced when the extension is turned off and on. */
  readonly languageClient: BaseLanguageClient | undefined;
}

const METHOD_NOT_FOUND = -32601;
/** Notifications arriving together (several documents re-published) make one request. */
const REFRESH_COALESCE_MS = 50;

export type SummaryState =
  | { kind: 'loading' }
  | { kind: 'ready'; rows: SummaryRow[] }
  | { kind: 'unavailable'; message: string };

/**
 * The participation summary the views show, kept current: asked for when a view is shown,
 * and again whenever the server says it changed (`policyLint/summaryChanged`). Nothing is
 * requested while no view is showing it; a change seen meanwhile is fetched on showing.
 */
export class SummaryService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SummaryState>();
  readonly onDidChange = this.changed.event;
  private current: SummaryState = { kind: 'loading' };
  /** Folder the summary is restricted to; undefined for the whole workspace. */
  private folder: vscode.Uri | undefined;
  private readonly viewers = new Set<string>();
  private stale = true;
  private inFlight: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private attached: BaseLanguageClient | undefined;
  /** Until the extension has started (or decided not to start) the server, the views say "loading". */
  private serverDecided = false;
  private readonly clientSubscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly server: SummaryServer,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get state(): SummaryState {
    return this.current;
  }

  get scope(): vscode.Uri | undefined {
    return this.folder;
  }

  /** "the workspace" or "folder policies/" for titles. */
  scopeText(): string {
    if (!this.folder) return 'the workspace';
    return `folder ${vscode.workspace.asRelativePath(this.folder, true) || this.folder.fsPath}`;
  }

  setScope(folder: vscode.Uri | undefined): void {
    this.folder = folder;
    void vscode.commands.executeCommand('setContext', 'policyLint.summaryScoped', !!folder);
    this.invalidate();
  }

  /** A view shows the summary (or stops showing it). */
  setViewer(id: string, showing: boolean): void {
    if (showing) this.viewers.add(id);
    else this.viewers.delete(id);
    if (showing && this.stale) this.refreshSoon(0);
  }

  /** The language client was started, stopped or replaced: listen to the one running now. */
  serverChanged(): void {
    this.serverDecided = true;
    this.attach();
    this.invalidate();
  }

  /** The summary may be out of date: fetch it now if a view shows it, else when one does. */
  invalidate(): void {
    this.stale = true;
    if (this.viewers.size) this.refreshSoon(REFRESH_COALESCE_MS);
  }

  /** Fetches the summary now (and waits for it); a request already running is followed by another. */
  async refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.fetch().finally(() => (this.inFlight = undefined));
    await this.inFlight;
    if (this.again) {
      this.again = false;
      await this.refresh();
    }
  }

  private refreshSoon(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delayMs);
  }

  private async fetch(): Promise<void> {
    if (!this.serverDecided) return;
    this.attach();
    this.stale = false;
    const client = this.server.languageClient;
    // A client that is starting answers once it runs; a stopped one never does.
    if (!client || client.state === State.Stopped) {
      const enabled = vscode.workspace.getConfiguration('policyLint').get<boolean>('enable', true);
      this.publish({ kind: 'unavailable', message: enabled ? 'The Policy Lint language server is not running. Run "Policy Lint: Restart Language Server".' : 'Policy Lint is turned off (policyLint.enable).' });
      return;
    }
    const result = await this.request(client, false);
    this.publish(typeof result === 'string' ? { kind: 'unavailable', message: result } : { kind: 'ready', rows: result.rows });
  }

  /** The summary of the current scope as Markdown (links to each statement), or why there is none. */
  async markdown(): Promise<{ markdown: string } | { message: string }> {
    const client = this.server.languageClient;
    if (!client || client.state === State.Stopped) return { message: 'the language server is not running, so there is no participation summary.' };
    const result = await this.request(client, true);
    return typeof result === 'string' ? { message: result } : { markdown: result.markdown };
  }

  /** Asks the server; a failure comes back as a sentence saying what went wrong. */
  private async request(client: BaseLanguageClient, markdown: boolean): Promise<SummaryResponse | string> {
    const params = { ...(this.folder ? { folder: this.folder.toString() } : {}), markdown };
    try {
      const result = (await client.sendRequest(SUMMARY_REQUEST, params)) as SummaryResponse | null;
      if (result && Array.isArray(result.rows) && typeof result.markdown === 'string') return result;
      return 'The language server could not make the participation summary; see the "Policy Lint" output.';
    } catch (e) {
      if ((e as { code?: number }).code === METHOD_NOT_FOUND) return 'This version of the language server has no participation summary.';
      this.log.error(`${SUMMARY_REQUEST} failed: ${(e as Error).message}`);
      return `The participation summary failed: ${(e as Error).message}`;
    }
  }

  private publish(state: SummaryState): void {
    this.current = state;
    this.changed.fire(state);
  }

  /**
   * Listens to the current language client. Its notification handler survives the client's
   * own restarts; a new client (the extension turned off and on) gets its own.
   */
  private attach(): void {
    const client = this.server.languageClient;
    if (client === this.attached) return;
    for (const s of this.clientSubscriptions.splice(0)) s.dispose();
    this.attached = client;
    if (!client) return;
    this.clientSubscriptions.push(
      client.onNotification(SUMMARY_CHANGED_NOTIFICATION, () => this.invalidate()),
      // A restarted server has not been asked yet, so it would not notify: ask it.
      client.onDidChangeState((e) => {
        if (e.newState === State.Running || e.newState === State.Stopped) this.invalidate();
      }),
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.clientSubscriptions.splice(0)) s.dispose();
    this.changed.dispose();
  }
}
