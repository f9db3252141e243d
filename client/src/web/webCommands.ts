import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { fixAll } from '../fixAll';
import type { PolicyDocumentTracker } from '../policyDocumentTracker';
import type { WebLanguageServer } from './webLanguageServer';

/**
 * The commands of the web extension. The desktop ones (client/src/commands.ts) read the
 * bundled docs with node:fs, so these are their browser counterparts; the snippet pack
 * commands, which read packs from disk, say plainly that they need the desktop editor.
 * The participation summary's commands are registered with its view (summary/registerSummary.ts).
 */
export function registerWebCommands(context: vscode.ExtensionContext, server: WebLanguageServer, documents: PolicyDocumentTracker): vscode.Disposable[] {
  const needsDesktop = (what: string) => () =>
    void vscode.window.showInformationMessage(
      `Policy Lint: ${what} needs VS Code desktop (or a remote/Codespaces window): snippet packs are read from disk, which the browser version (vscode.dev, github.dev) cannot do. The built-in policy snippets work here.`,
    );
  return [
    vscode.commands.registerCommand(COMMANDS.fixAll, () => fixAll(documents)),
    vscode.commands.registerCommand(COMMANDS.openRuleDocs, (arg?: unknown) => openRuleDocs(context, arg)),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      if (!vscode.workspace.getConfiguration('policyLint').get<boolean>('enable', true)) {
        void vscode.window.showInformationMessage('Policy Lint is turned off (policyLint.enable); the language server is not running.');
        return;
      }
      await server.restart();
    }),
    vscode.commands.registerCommand(COMMANDS.listSnippetPacks, needsDesktop('Listing snippet packs')),
    vscode.commands.registerCommand(COMMANDS.createSnippetPackFromSelection, needsDesktop('Creating a snippet pack')),
    vscode.commands.registerCommand(COMMANDS.validateSnippetPack, needsDesktop('Validating a snippet pack')),
  ];
}

/** Opens docs/rules/<id>.md, shipped in the extension, in the Markdown preview (or `policyLint.docsBaseUrl`'s page). */
async function openRuleDocs(context: vscode.ExtensionContext, arg: unknown): Promise<void> {
  const given = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : (arg as { ruleId?: unknown; value?: unknown } | undefined)?.ruleId ?? (arg as { value?: unknown } | undefined)?.value;
  const ids = ruleIds(context);
  const id = typeof given === 'string' ? given : await vscode.window.showQuickPick(ids, { title: 'Policy Lint: Open Rule Documentation', placeHolder: 'Rule' });
  if (!id) return;
  if (!ids.includes(id)) {
    void vscode.window.showErrorMessage(`Policy Lint: "${id}" is not a rule id (one of ${ids.join(', ')}).`);
    return;
  }
  const base = vscode.workspace.getConfiguration('policyLint').get<string>('docsBaseUrl', '');
  const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`);
  try {
    await vscode.workspace.fs.stat(page);
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch {
    if (base) await vscode.env.openExternal(vscode.Uri.parse(`${base.replace(/\/?$/, '/')}${id}.md`));
    else void vscode.window.showErrorMessage(`Policy Lint: no documentation for "${id}".`);
  }
}

/**
 * The rule ids, from the manifest's `policyLint.rules` setting (a unit test keeps it equal
 * to the engine's rules): importing the engine for its list would put all of it in this bundle.
 */
function ruleIds(context: vscode.ExtensionContext): string[] {
  const rules = (context.extension.packageJSON as { contributes?: { configuration?: { properties?: Record<string, { properties?: Record<string, unknown> }> } } }).contributes?.configuration?.properties?.['policyLint.rules']?.properties;
  return Object.keys(rules ?? {}).sort();
}
