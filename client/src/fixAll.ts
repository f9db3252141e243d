import * as vscode from 'vscode';
import { FIX_ALL_KIND } from './commandIds';
import type { PolicyDocumentTracker } from './policyDocumentTracker';

/**
 * Applies the server's "fix all" code action (safe fixes only) to the active policy document.
 * The same on the desktop and in the browser: it only asks the editor for the server's action.
 */
export async function fixAll(documents: PolicyDocumentTracker): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !documents.isPolicyDocument(editor.document)) {
    void vscode.window.showInformationMessage('Policy Lint: open a policy document to fix.');
    return;
  }
  const doc = editor.document;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND, 1)) ?? [];
  const action = actions.find((a) => a.kind && vscode.CodeActionKind.SourceFixAll.contains(a.kind) && (a.edit || a.command));
  if (!action) {
    void vscode.window.showInformationMessage('Policy Lint: no safe fixes to apply in this document.');
    return;
  }
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
    void vscode.window.showErrorMessage('Policy Lint: the fixes could not be applied (the document changed meanwhile?). Try again.');
    return;
  }
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}
