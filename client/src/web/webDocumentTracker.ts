import * as vscode from 'vscode';
import { DEFAULT_POLICY_GLOBS, hasPolicyFrontMatter, PolicyDocumentMatcher } from '../policyDocuments';
import { PolicyDocumentTracker } from '../policyDocumentTracker';

/**
 * Which open documents are policy documents, in the browser. As the desktop tracker, but
 * documents of any scheme count: on github.dev a repository's files are `vscode-vfs:`
 * URIs, on vscode.dev a local folder's are `vscode-file:`/`file:`-like ones. Globs are
 * matched against the path relative to the document's workspace folder.
 */
export class WebPolicyDocumentTracker extends PolicyDocumentTracker {
  private readonly webMatchers = new Map<string, PolicyDocumentMatcher>();

  constructor() {
    super();
    // The base class fires onDidChange when `policyLint.files` or `enable` change.
    this.onDidChange(() => this.webMatchers.clear());
  }

  override isPolicyDocument(document: vscode.TextDocument): boolean {
    if (document.languageId !== 'markdown') return false;
    const config = vscode.workspace.getConfiguration('policyLint', document.uri);
    if (!config.get<boolean>('enable', true)) return false;
    if (document.uri.scheme === 'untitled') return hasPolicyFrontMatter(document.getText());
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const key = folder?.uri.toString() ?? '';
    let matcher = this.webMatchers.get(key);
    if (!matcher) {
      matcher = new PolicyDocumentMatcher(config.get<string[]>('files', DEFAULT_POLICY_GLOBS));
      this.webMatchers.set(key, matcher);
    }
    const path = folder ? vscode.workspace.asRelativePath(document.uri, false) : document.uri.path;
    return matcher.matchesPath(path) || hasPolicyFrontMatter(document.getText());
  }
}
