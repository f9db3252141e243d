import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { MatrixPanel } from './matrixPanel';
import { SummaryService, type SummaryServer } from './summaryService';
import { SUMMARY_VIEW_ID, SummaryTreeView } from './summaryTreeView';

/**
 * The live participation summary: the Explorer view, the matrix panel and their commands.
 * Returns the service (the extension tells it when the language client changes) and what to
 * dispose. No Node API: the web extension can register it too.
 */
export function registerSummary(server: SummaryServer, log: vscode.LogOutputChannel): { service: SummaryService; disposables: vscode.Disposable[] } {
  const service = new SummaryService(server, log);
  const tree = new SummaryTreeView(service);
  const matrix = new MatrixPanel(service);
  void vscode.commands.executeCommand('setContext', 'policyLint.summaryScoped', false);
  // The view is contributed for every build; in the browser it shows once an extension entry registers it.
  void vscode.commands.executeCommand('setContext', 'policyLint.summaryViewReady', true);
  const disposables = [
    service,
    tree,
    matrix,
    vscode.commands.registerCommand(COMMANDS.showParticipationSummary, () => vscode.commands.executeCommand(`${SUMMARY_VIEW_ID}.focus`)),
    vscode.commands.registerCommand(COMMANDS.showParticipationMatrix, () => matrix.show()),
    vscode.commands.registerCommand(COMMANDS.refreshParticipationSummary, () => service.refresh()),
    vscode.commands.registerCommand(COMMANDS.summariseFolder, (arg?: unknown) => summariseFolder(service, arg)),
    vscode.commands.registerCommand(COMMANDS.summariseWorkspace, () => service.setScope(undefined)),
    vscode.commands.registerCommand(COMMANDS.openParticipationSummaryMarkdown, () => openMarkdown(service)),
    // Folders added or removed change what "the workspace" is, and how paths are shown.
    vscode.workspace.onDidChangeWorkspaceFolders(() => service.invalidate()),
  ];
  return { service, disposables };
}

/** From the Explorer's context menu (a folder URI), else a folder picked in a dialog. */
async function summariseFolder(service: SummaryService, arg: unknown): Promise<void> {
  let folder = arg instanceof vscode.Uri ? arg : undefined;
  if (!folder) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Policy Lint: Summarise Folder',
      openLabel: 'Summarise',
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      defaultUri: service.scope ?? vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    folder = picked?.[0];
  }
  if (!folder) return;
  service.setScope(folder);
  await vscode.commands.executeCommand(`${SUMMARY_VIEW_ID}.focus`);
}

/** The summary as Markdown in the preview (where its links to each statement work), e.g. to copy into a report. */
async function openMarkdown(service: SummaryService): Promise<void> {
  const result = await service.markdown();
  if ('message' in result) {
    void vscode.window.showWarningMessage(`Policy Lint: ${result.message}`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
  try {
    await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
  } catch {
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}
