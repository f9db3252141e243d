import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadPacks, MANIFEST_NAME, SINGLE_FILE_SUFFIX, type FailedPack, type PackProblem, type SnippetPack } from '../../server/src/packs';
import { COMMANDS } from './commandIds';
import { packFolderName, newManifest, prefixesIn, snippetTarget, withSnippet, withSnippetFile, DEFAULT_SNIPPET_FILE } from './createPack';
import { packOfFile } from './packDiscovery';
import { nodeReader, type PackService } from './packService';

const PACKS_FOLDER = '.policy-packs';
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

export function registerPackCommands(packs: PackService): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.listSnippetPacks, () => listPacks(packs)),
    vscode.commands.registerCommand(COMMANDS.createSnippetPackFromSelection, () => createFromSelection(packs)),
    vscode.commands.registerCommand(COMMANDS.validateSnippetPack, (arg?: vscode.Uri) => validatePack(packs, arg)),
  ];
}

type PackItem = vscode.QuickPickItem & { open?: vscode.Uri; at?: vscode.Range; settings?: boolean };

async function listPacks(packs: PackService): Promise<void> {
  await packs.reload();
  const { packs: loaded, failed } = packs.result;
  const items: PackItem[] = [];
  for (const p of loaded) items.push(loadedItem(p));
  for (const f of failed) items.push(failedItem(f));
  for (const s of packs.skipped) items.push({ label: `$(circle-slash) ${s.path}`, description: 'skipped', detail: s.reason, settings: true });
  if (!items.length) {
    items.push({
      label: '$(info) No snippet packs found',
      detail: `Put packs in ${PACKS_FOLDER}/<pack>/${MANIFEST_NAME} or *${SINGLE_FILE_SUFFIX} files in the workspace, or list folders in the policyLint.snippetPacks.paths setting.`,
      settings: true,
    });
  }
  const pick = await vscode.window.showQuickPick(items, { title: 'Policy Lint: Snippet Packs', placeHolder: 'Select a pack to open its manifest', matchOnDetail: true });
  if (!pick) return;
  if (pick.settings) await vscode.commands.executeCommand('workbench.action.openSettings', 'policyLint.snippetPacks.paths');
  else if (pick.open) await vscode.window.showTextDocument(pick.open, pick.at ? { selection: pick.at } : {});
}

function loadedItem(p: SnippetPack): PackItem {
  const templates = Object.keys(p.templates).length;
  const warnings = p.problems.length;
  return {
    label: `$(package) ${p.name}`,
    description: [`v${p.version}`, p.origin === 'workspace' ? 'workspace' : 'settings', `${p.snippets.length} snippet${p.snippets.length === 1 ? '' : 's'}`, templates ? `${templates} template${templates === 1 ? '' : 's'}` : '']
      .filter(Boolean)
      .join(' · '),
    detail: `${warnings ? `$(warning) ${warnings} warning${warnings === 1 ? '' : 's'}: ${shortMessage(p.problems[0])} · ` : ''}${vscode.workspace.asRelativePath(p.location)}`,
    open: vscode.Uri.file(p.manifestPath),
  };
}

function failedItem(f: FailedPack): PackItem {
  const first = f.problems[0];
  return {
    label: `$(error) ${f.name ?? path.basename(path.dirname(f.manifestPath))}`,
    description: `not loaded · ${f.origin} · ${f.problems.length} problem${f.problems.length === 1 ? '' : 's'}`,
    detail: first ? shortMessage(first) : vscode.workspace.asRelativePath(f.manifestPath),
    open: vscode.Uri.file(first?.source ?? f.manifestPath),
    at: first?.range ? toRange(first) : undefined,
  };
}

/** A problem message with its file named relative to the workspace, as the quick pick has little room. */
function shortMessage(p: PackProblem): string {
  return p.message.startsWith(p.source) ? vscode.workspace.asRelativePath(p.source) + p.message.slice(p.source.length) : p.message;
}

function toRange(p: PackProblem): vscode.Range {
  return new vscode.Range(p.range!.start.line, p.range!.start.character, p.range!.end.line, p.range!.end.character);
}

/** Validates the pack of the active file, or a pack folder or file the user picks. */
async function validatePack(packs: PackService, arg?: vscode.Uri): Promise<void> {
  let manifest: string | undefined;
  const start = arg?.fsPath ?? (vscode.window.activeTextEditor?.document.uri.scheme === 'file' ? vscode.window.activeTextEditor.document.uri.fsPath : undefined);
  if (start) manifest = (await isDirectory(start)) ? await packOfFile(path.join(start, MANIFEST_NAME)) : await packOfFile(start);
  if (!manifest) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Validate Snippet Pack',
      openLabel: 'Validate',
      canSelectFolders: true,
      canSelectFiles: true,
      canSelectMany: false,
      filters: { 'Snippet pack': ['json'] },
    });
    if (!picked?.length) return;
    const p = picked[0].fsPath;
    manifest = (await isDirectory(p)) ? path.join(p, MANIFEST_NAME) : p;
  }
  const result = await loadPacks([{ manifestPath: manifest, origin: 'workspace' }], nodeReader, { builtin: packs.builtin });
  // Replace this pack's entries in the Problems view with the fresh ones.
  const files = new Set([manifest, ...result.problems.map((p) => p.source), ...(result.packs[0]?.snippets.map((s) => s.file) ?? [])]);
  for (const f of files) packs.diagnostics.delete(vscode.Uri.file(f));
  packs.publish(result.problems, false);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  const pack = result.packs[0];
  const name = pack?.name ?? result.failed[0]?.name ?? manifest;
  if (!result.problems.length) {
    void vscode.window.showInformationMessage(`Snippet pack "${name}" ${pack ? `v${pack.version} ` : ''}is valid: ${pack?.snippets.length ?? 0} snippets, ${Object.keys(pack?.templates ?? {}).length} templates.`);
    return;
  }
  const summary = `${errors ? `${errors} error${errors === 1 ? '' : 's'}` : ''}${errors && warnings ? ', ' : ''}${warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`;
  const text = pack ? `Snippet pack "${name}" loads, with ${summary}: ${result.problems[0].message}` : `Snippet pack "${name}" cannot be loaded (${summary}): ${result.problems[0].message}`;
  const show = (pack ? vscode.window.showWarningMessage : vscode.window.showErrorMessage)(text, 'Show Problems');
  if ((await show) === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await vscode.workspace.fs.stat(vscode.Uri.file(p))).type === vscode.FileType.Directory;
  } catch {
    return false;
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Saves the selection as a snippet in a workspace pack under `.policy-packs/<pack>/`. */
async function createFromSelection(packs: PackService): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const text = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  if (!editor || !text.trim()) {
    void vscode.window.showWarningMessage('Policy Lint: select the text to save as a snippet first.');
    return;
  }
  const folder = vscode.workspace.getWorkspaceFolder(editor.document.uri) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage(`Policy Lint: open a folder first; snippet packs are saved in its ${PACKS_FOLDER}/ folder.`);
    return;
  }
  const root = vscode.Uri.joinPath(folder.uri, PACKS_FOLDER);
  const existing = packs.result.packs.filter((p) => p.kind === 'folder' && p.origin === 'workspace' && isUnder(p.location, root.fsPath));
  const NEW = '$(add) New pack…';
  const choice = await vscode.window.showQuickPick([...existing.map((p) => ({ label: p.name, description: `v${p.version} · ${p.snippets.length} snippets`, pack: p })), { label: NEW, pack: undefined }], {
    title: 'Create Snippet from Selection (1/3): pack',
    placeHolder: 'Add the snippet to which pack?',
  });
  if (!choice) return;

  let packDir: vscode.Uri;
  let packName: string;
  let manifestText: string;
  if (choice.pack) {
    packDir = vscode.Uri.file(choice.pack.location);
    packName = choice.pack.name;
    manifestText = (await readText(vscode.Uri.joinPath(packDir, MANIFEST_NAME))) ?? '';
  } else {
    const name = await vscode.window.showInputBox({
      title: 'Create Snippet from Selection: new pack name',
      prompt: `Saved in ${PACKS_FOLDER}/<name>/`,
      validateInput: (v) => (NAME_PATTERN.test(v.trim()) ? undefined : 'Letters, digits, spaces, ".", "_" and "-", starting with a letter or digit (at most 64).'),
    });
    if (!name) return;
    const description = await vscode.window.showInputBox({ title: 'Create Snippet from Selection: pack description', prompt: 'What the pack is for and who maintains it', value: `${name.trim()} snippets` });
    if (description === undefined) return;
    packName = name.trim();
    packDir = vscode.Uri.joinPath(root, packFolderName(packName));
    manifestText = (await readText(vscode.Uri.joinPath(packDir, MANIFEST_NAME))) ?? newManifest(packName, description);
  }

  const originalManifest = choice.pack ? manifestText : undefined;
  const target = snippetTarget(manifestText);
  if (target.kind === 'none') manifestText = withSnippetFile(manifestText);
  const relPath = target.kind === 'file' ? target.path : DEFAULT_SNIPPET_FILE;
  const snippetUri = target.kind === 'inline' ? undefined : vscode.Uri.joinPath(packDir, ...relPath.split(/[\\/]/));
  const fileText = snippetUri ? await readText(snippetUri) : manifestText;
  const at = target.kind === 'inline' ? ['snippets'] : [];
  const taken = new Set([...prefixesIn(fileText, at), ...packs.builtin.flatMap((b) => b.prefixes), ...packs.result.packs.flatMap((p) => p.snippets.flatMap((s) => s.prefixes))]);

  const prefix = await vscode.window.showInputBox({
    title: 'Create Snippet from Selection (2/3): prefix',
    prompt: 'What authors type to insert the snippet (one word)',
    value: `${packFolderName(packName)}-`,
    validateInput: (v) => (!/^\S+$/.test(v) ? 'One word, without spaces.' : taken.has(v) ? { message: `"${v}" is already a snippet prefix; both will be offered.`, severity: vscode.InputBoxValidationSeverity.Warning } : undefined),
  });
  if (!prefix) return;
  const description = await vscode.window.showInputBox({ title: 'Create Snippet from Selection (3/3): description', prompt: 'Shown in the completion list and used as the snippet name' });
  if (description === undefined) return;

  const snippet = { name: description.trim() || prefix, prefix, description: description.trim() || undefined, text };
  if (target.kind === 'inline') {
    manifestText = withSnippet(manifestText, snippet, ['snippets']).text;
  } else {
    await writeText(snippetUri!, withSnippet(fileText, snippet).text);
  }
  if (manifestText !== originalManifest) await writeText(vscode.Uri.joinPath(packDir, MANIFEST_NAME), manifestText);
  await packs.reload();
  const open = await vscode.window.showInformationMessage(`Saved snippet "${prefix}" in pack "${packName}".`, 'Open Snippet File');
  if (open) await vscode.window.showTextDocument(snippetUri ?? vscode.Uri.joinPath(packDir, MANIFEST_NAME));
}

function isUnder(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}
