import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { COMMANDS, STATUS_ITEM_ID } from './commandIds';
import type { PolicyDocumentTracker } from './policyDocumentTracker';
import { serverDownSummary, summarize } from './statusSummary';

/** Whether the language server is running, and when that changes (the Node and the web client both provide it). */
export interface ServerState {
  readonly state: 'starting' | 'running' | 'stopped';
  readonly onDidChangeState: vscode.Event<void>;
}

/** A language client's state as the status bar tells it; no client yet counts as starting, none any more as stopped. */
export function serverStateOf(client: BaseLanguageClient | undefined, everStarted: boolean): ServerState['state'] {
  if (!client) return everStarted ? 'stopped' : 'starting';
  return client.state === State.Running ? 'running' : client.state === State.Starting ? 'starting' : 'stopped';
}

/**
 * "$(checklist) 3 unlabelled" for the active policy document; hidden for other documents.
 * While the server is not running it says so (a click restarts it) instead of "clear".
 */
export class PolicyStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly documents: PolicyDocumentTracker,
    private readonly server?: ServerState,
  ) {
    this.item.name = 'Policy Lint';
    if (server) this.subscriptions.push(server.onDidChangeState(() => this.update()));
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.update();
      }),
      // Front matter can make a document a policy document while it is edited.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.updateSoon();
      }),
      documents.onDidChange(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    // Not a policy document, or Policy Lint turned off (the tracker says no then): nothing to show.
    if (!doc || !this.documents.isPolicyDocument(doc)) {
      this.item.hide();
      return;
    }
    const state = this.server?.state ?? 'running';
    const s = state === 'running' ? summarize(vscode.languages.getDiagnostics(doc.uri)) : serverDownSummary(state);
    this.item.command = state === 'stopped' ? COMMANDS.restartServer : 'workbench.actions.view.problems';
    this.item.text = s.text;
    this.item.tooltip = s.tooltip;
    this.item.accessibilityInformation = { label: s.text.replace(/\$\([^)]*\)\s*/g, ''), role: 'button' };
    this.item.show();
  }

  private updateSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), 250);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
