import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { OUTPUT_CHANNEL } from './commandIds';
import { registerPackCommands } from './packCommands';
import { PackService } from './packService';
import { PolicyDocumentTracker } from './policyDocumentTracker';
import { PolicyLanguageServer } from './serverClient';
import { registerPackSnippetCompletions } from './snippetCompletion';
import { registerSummary } from './summary/registerSummary';
import { PolicyStatusBar } from './statusBar';

let server: PolicyLanguageServer | undefined;

/**
 * Policy Lint for VS Code: starts the language server for policy documents (Markdown files
 * matched by `policyLint.files` or marked `policy: true`), shows the status of the active
 * document, and offers the snippets of team snippet packs.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL, { log: true });
  const documents = new PolicyDocumentTracker();
  const packs = new PackService(context, log);
  server = new PolicyLanguageServer(context, log, documents, () => packs.result.templates);
  context.subscriptions.push(log, documents, packs, server);

  // Templates from packs go to the server at start-up (initializationOptions) and on change.
  await packs.reload();
  context.subscriptions.push(packs.onDidChange((r) => void server?.sendPackTemplates(r.templates)));

  const summary = registerSummary(server, log);
  context.subscriptions.push(
    ...summary.disposables,
    new PolicyStatusBar(documents, server),
    registerPackSnippetCompletions(packs, documents),
    ...registerPackCommands(packs),
    ...registerCommands(context, server, documents),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('policyLint.enable')) return;
      if (vscode.workspace.getConfiguration('policyLint').get<boolean>('enable', true)) await server?.start();
      else await server?.stop();
      summary.service.serverChanged();
    }),
  );
  if (vscode.workspace.getConfiguration('policyLint').get<boolean>('enable', true)) await server.start();
  summary.service.serverChanged();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
