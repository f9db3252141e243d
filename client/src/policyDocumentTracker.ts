import * as vscode from 'vscode';
import { DEFAULT_POLICY_GLOBS, PolicyDocumentMatcher } from './policyDocuments';

/**
 * Tells which open documents are policy documents, from the `policyLint.files` setting of
 * each document's workspace folder and the document's front matter.
 */
export class PolicyDocumentTracker implements vscode.Disposable {
  private readonly matchers = new Map<string, PolicyDocumentMatcher>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the settings that decide what a policy document is change. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('policyLint.files') || e.affectsConfiguration('policyLint.enable')) {
        this.matchers.clear();
        this.changed.fire();
      }
    });
  }

  isPolicyDocument(document: vscode.TextDocument): boolean {
    if (document.languageId !== 'markdown') return false;
    const config = vscode.workspace.getConfiguration('policyLint', document.uri);
    if (!config.get<boolean>('enable', true)) return false;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const key = folder?.uri.toString() ?? '';
    let matcher = this.matchers.get(key);
    if (!matcher) {
      matcher = new PolicyDocumentMatcher(config.get<string[]>('files', DEFAULT_POLICY_GLOBS));
      this.matchers.set(key, matcher);
    }
    const path = document.uri.scheme === 'file' ? (folder ? vscode.workspace.asRelativePath(document.uri, false) : document.uri.fsPath) : undefined;
    return matcher.isPolicyDocument({ languageId: document.languageId, scheme: document.uri.scheme, path, text: document.getText() });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
