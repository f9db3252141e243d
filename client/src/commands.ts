import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import { fixAll } from './fixAll';
import type { PolicyDocumentTracker } from './policyDocumentTracker';
import type { PolicyLanguageServer } from './serverClient';

const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function registerCommands(context: vscode.ExtensionContext, server: PolicyLanguageServer, documents: PolicyDocumentTracker): vscode.Disposable[] {
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
  ];
}

/** Opens docs/rules/<id>.md (bundled with the extension) in the Markdown preview. */
async function openRuleDocs(context: vscode.ExtensionContext, arg: unknown): Promise<void> {
  let id = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : ((arg as { ruleId?: unknown; value?: unknown } | undefined)?.ruleId ?? (arg as { value?: unknown } | undefined)?.value);
  const docsDir = context.asAbsolutePath('docs/rules');
  if (typeof id !== 'string') {
    let ids: string[] = [];
    try {
      ids = fs.readdirSync(docsDir).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3)).sort();
    } catch {
      ids = [];
    }
    id = await vscode.window.showQuickPick(ids, { title: 'Policy Lint: Open Rule Documentation', placeHolder: 'Rule' });
    if (!id) return;
  }
  const ruleId = String(id);
  if (!RULE_ID.test(ruleId)) {
    void vscode.window.showErrorMessage(`Policy Lint: "${ruleId}" is not a rule id.`);
    return;
  }
  const file = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`);
  if (fs.existsSync(file.fsPath)) {
    await vscode.commands.executeCommand('markdown.showPreview', file);
    return;
  }
  const base = vscode.workspace.getConfiguration('policyLint').get<string>('docsBaseUrl', '');
  if (base) await vscode.env.openExternal(vscode.Uri.parse(`${base.replace(/\/?$/, '/')}${ruleId}.md`));
  else void vscode.window.showErrorMessage(`Policy Lint: no documentation for "${ruleId}".`);
}
