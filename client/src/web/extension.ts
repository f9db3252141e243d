import * as vscode from 'vscode';
import { OUTPUT_CHANNEL } from '../commandIds';
import { PolicyStatusBar } from '../statusBar';
import { registerSummary } from '../summary/registerSummary';
import { registerWebCommands } from './webCommands';
import { WebPolicyDocumentTracker } from './webDocumentTracker';
import { WebLanguageServer } from './webLanguageServer';

let server: WebLanguageServer | undefined;

/**
 * Policy Lint in the browser (vscode.dev, github.dev): the same language server as on the
 * desktop, in a web worker, reading the workspace through the editor, so reviewers who
 * open a repository in the browser get the same diagnostics, fixes, hovers, status and
 * participation summary.
 * Snippet packs (read from disk) are desktop-only.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL, { log: true });
  const documents = new WebPolicyDocumentTracker();
  server = new WebLanguageServer(context, log, documents);
  const summary = registerSummary(server, log);
  context.subscriptions.push(
    log,
    documents,
    server,
    ...summary.disposables,
    server.onDidChangeClient(() => summary.service.serverChanged()),
    new PolicyStatusBar(documents, server),
    ...registerWebCommands(context, server, documents),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('policyLint.enable')) return;
      if (vscode.workspace.getConfiguration('policyLint').get<boolean>('enable', true)) await server?.start();
      else await server?.stop();
    }),
  );
  if (vscode.workspace.getConfiguration('policyLint').get<boolean>('enable', true)) await server.start();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
