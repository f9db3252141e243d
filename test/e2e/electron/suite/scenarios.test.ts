/**
 * The shared scenarios (../../scenarios.ts) checked through the VS Code API inside the
 * extension host of VS Code desktop. Launched by ../runTests.ts (`npm run test:e2e:electron`).
 * What the API cannot see (squiggles, the status bar, notifications) is checked by the
 * code-server suite (../../vscode.test.ts).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  BROKEN_PACK,
  BUILTIN_SNIPPET,
  CHOICE_SNIPPET,
  DIAGNOSTIC_SOURCE,
  EXPECTED_DIAGNOSTICS,
  HOVER,
  POLICY_DOCUMENTS,
  QUICK_FIX,
  SNIPPET_DOCUMENT,
  TEAM_SNIPPET,
  diagnosticsIn,
} from '../../scenarios';

const EXTENSION_ID = 'policy-lint.policy-lint';
const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning } as const;

function workspaceRoot(): string {
  const root = process.env.POLICY_LINT_E2E_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) throw new Error('No workspace folder is open');
  return root;
}

function uriOf(file: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), ...file.split('/')));
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

async function completionsAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items;
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function snippetText(item: vscode.CompletionItem): string {
  const insert = item.insertText;
  return insert instanceof vscode.SnippetString ? insert.value : (insert ?? labelOf(item));
}

/** Types `prefix` on a new last line of `file` and returns the completion items offered there. */
async function typePrefix(file: string, prefix: string): Promise<{ editor: vscode.TextEditor; line: number; items: vscode.CompletionItem[] }> {
  const doc = await vscode.workspace.openTextDocument(uriOf(file));
  const editor = await vscode.window.showTextDocument(doc);
  const line = doc.lineCount - 1;
  await editor.edit((e) => e.insert(new vscode.Position(line, 0), prefix));
  const at = new vscode.Position(line, prefix.length);
  const items = await waitFor(`completion "${prefix}"`, async () => {
    const found = await completionsAt(doc.uri, at);
    return found.some((i) => labelOf(i) === prefix) ? found : undefined;
  });
  return { editor, line, items };
}

/** Accepts a snippet completion as the editor would: replaces the prefix with the snippet. */
async function accept(editor: vscode.TextEditor, line: number, prefix: string, item: vscode.CompletionItem): Promise<void> {
  const range = new vscode.Range(line, 0, line, prefix.length);
  const ok = await editor.insertSnippet(new vscode.SnippetString(snippetText(item)), range);
  assert.ok(ok, 'the snippet was inserted');
}

describe('Policy Lint scenarios through the VS Code API', function () {
  this.timeout(60_000);

  before(async () => {
    for (const file of POLICY_DOCUMENTS) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uriOf(file)));
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
    await extension.activate();
  });

  for (const file of POLICY_DOCUMENTS) {
    it(`publishes the expected diagnostics for ${file}`, async () => {
      const expected = diagnosticsIn(file);
      const uri = uriOf(file);
      const found = await waitFor(`${expected.length} diagnostics in ${file}`, () => {
        const list = ours(uri);
        return expected.every((d) => list.some((x) => codeOf(x) === d.rule && x.range.start.line === d.line - 1)) ? list : undefined;
      });
      assert.equal(found.length, expected.length, JSON.stringify(found));
      for (const d of expected) {
        const x = found.find((f) => codeOf(f) === d.rule && f.range.start.line === d.line - 1)!;
        assert.equal(x.severity, SEVERITY[d.severity], `${d.rule} severity`);
        assert.ok(x.message.includes(d.message), `${d.rule}: "${x.message}" should include "${d.message}"`);
      }
    });
  }

  it('points each side of the cross-file contradiction at the other', () => {
    const sides = EXPECTED_DIAGNOSTICS.filter((d) => d.rule === 'participation-contradiction');
    for (const d of sides) {
      const other = sides.find((o) => o.file !== d.file)!;
      const x = ours(uriOf(d.file)).find((f) => codeOf(f) === d.rule)!;
      assert.ok(x.relatedInformation?.some((r) => r.location.uri.fsPath === uriOf(other.file).fsPath && r.location.range.start.line === other.line - 1));
    }
  });

  it(`offers and applies "${QUICK_FIX.title}"`, async () => {
    const uri = uriOf(QUICK_FIX.file);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.lineAt(QUICK_FIX.line - 1).text, QUICK_FIX.before);
    const diagnostic = ours(uri).find((d) => codeOf(d) === QUICK_FIX.rule && d.range.start.line === QUICK_FIX.line - 1);
    assert.ok(diagnostic);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    for (const t of [QUICK_FIX.title, ...QUICK_FIX.otherTitles]) assert.ok(titles.includes(t), JSON.stringify(titles));
    const action = actions.find((a) => a.title === QUICK_FIX.title)!;
    if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    assert.equal(doc.lineAt(QUICK_FIX.line - 1).text, QUICK_FIX.after);
    await waitFor('the missing-label diagnostic to go', () =>
      ours(uri).some((d) => codeOf(d) === QUICK_FIX.rule && d.range.start.line === QUICK_FIX.line - 1) ? undefined : true,
    );
  });

  it('explains a participation term on hover', async () => {
    const uri = uriOf(HOVER.file);
    const doc = await vscode.workspace.openTextDocument(uri);
    const character = doc.lineAt(HOVER.line - 1).text.indexOf(HOVER.word);
    assert.ok(character >= 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(HOVER.line - 1, character + 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    for (const expected of HOVER.expect) assert.ok(text.includes(expected), text);
  });

  it(`inserts the built-in snippet "${BUILTIN_SNIPPET.prefix}"`, async () => {
    const { editor, line, items } = await typePrefix(SNIPPET_DOCUMENT, BUILTIN_SNIPPET.prefix);
    await accept(editor, line, BUILTIN_SNIPPET.prefix, items.find((i) => labelOf(i) === BUILTIN_SNIPPET.prefix)!);
    BUILTIN_SNIPPET.insertedLines.forEach((expected, i) => assert.ok(editor.document.lineAt(line + i).text.startsWith(expected), editor.document.lineAt(line + i).text));
  });

  it(`"${CHOICE_SNIPPET.prefix}" has a Mandatory/Optional choice placeholder`, async () => {
    const { items } = await typePrefix(SNIPPET_DOCUMENT, CHOICE_SNIPPET.prefix);
    const body = snippetText(items.find((i) => labelOf(i) === CHOICE_SNIPPET.prefix)!);
    assert.match(body, new RegExp(`\\$\\{\\d+\\|${CHOICE_SNIPPET.choices.join(',')}\\|\\}`));
  });

  it(`offers the team pack snippet "${TEAM_SNIPPET.prefix}"`, async () => {
    const { editor, line, items } = await typePrefix(SNIPPET_DOCUMENT, TEAM_SNIPPET.prefix);
    await accept(editor, line, TEAM_SNIPPET.prefix, items.find((i) => labelOf(i) === TEAM_SNIPPET.prefix)!);
    assert.equal(editor.document.lineAt(line).text, TEAM_SNIPPET.inserted);
  });

  it(`reports the malformed pack ${BROKEN_PACK.file}`, async () => {
    const found = await waitFor('a diagnostic on the broken pack', () => {
      const list = vscode.languages.getDiagnostics(uriOf(BROKEN_PACK.file));
      return list.length ? list : undefined;
    });
    assert.ok(found.some((d) => /json|brace|expected|invalid|parse/i.test(d.message)), JSON.stringify(found));
  });
});
