import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { applyWorkspaceEdit, copyFixture, editsFor, rangeOf, removeDir, REPO_ROOT, startServer, type ServerHarness } from './harness';

describe('protocol: code actions', function () {
  let dir: string;
  let server: ServerHarness;
  let uri: string;
  let text: string;
  let diags: Diagnostic[];

  beforeEach(async () => {
    dir = copyFixture();
    server = await startServer({ workspace: dir });
    ({ uri, text } = server.open('guidance.md'));
    diags = await server.diagnosticsForVersion(uri, 1);
  });
  afterEach(async () => {
    await server?.stop();
    removeDir(dir);
  });

  const actionsFor = (d: Diagnostic, only?: string[]) =>
    server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only, triggerKind: 1 } });
  const find = (code: string, line: number) => {
    const d = diags.find((x) => x.code === code && x.range.start.line === line);
    assert.ok(d, `${code} on line ${line + 1}`);
    return d;
  };
  const lines = (t: string) => t.split('\n');

  /** Sends the whole edit as incremental changes, as the editor does after applying it. */
  async function applyInEditor(action: CodeAction): Promise<{ text: string; diagnostics: Diagnostic[] }> {
    const edits = editsFor(action.edit!, uri);
    const next = applyWorkspaceEdit(text, uri, action.edit!);
    // Send from the end of the document so earlier ranges stay valid.
    const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    const version = server.change(uri, ordered.map((e) => ({ range: e.range, text: e.newText })));
    text = next;
    return { text: next, diagnostics: await server.diagnosticsForVersion(uri, version) };
  }

  it('offers the rule fixes with the safe one preferred, then ignore and documentation', async () => {
    const actions = await actionsFor(find('missing-label', 27));
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Label as [Mandatory]', 'quickfix', true],
        ['Label as [Optional]', 'quickfix', false],
        ['Ignore this finding (missing-label)', 'quickfix', false],
        ['Show documentation for missing-label', 'quickfix', false],
      ],
    );
    for (const a of actions) assert.deepEqual(a.diagnostics?.map((d) => d.code), ['missing-label']);
    const after = applyWorkspaceEdit(text, uri, actions[0].edit!);
    assert.equal(lines(after)[27], '[Mandatory] Jurisdictions must report data quality issues every quarter.');
    assert.equal(lines(applyWorkspaceEdit(text, uri, actions[1].edit!))[27], '[Optional] Jurisdictions must report data quality issues every quarter.');
    assert.equal(lines(after).length, lines(text).length, 'nothing else changes');

    const { diagnostics } = await applyInEditor(actions[0]);
    assert.equal(diagnostics.some((d) => d.code === 'missing-label' && d.range.start.line === 27), false);
  });

  it('switches to the preferred term, and fixes all term variants of the file at once', async () => {
    const actions = await actionsFor(find('term-variant', 23));
    assert.deepEqual(actions.map((a) => a.title), ['Write "opt out"', 'Fix all term-variant problems in this file', 'Ignore this finding (term-variant)', 'Show documentation for term-variant']);
    assert.equal(actions[0].isPreferred, true);
    assert.equal(
      lines(applyWorkspaceEdit(text, uri, actions[0].edit!))[23],
      'A jurisdiction may opt out of status notifications by writing to the program office. The office confirms each opt-out in writing.',
    );
    const { text: fixed, diagnostics } = await applyInEditor(actions[1]);
    assert.equal(lines(fixed)[23], 'A jurisdiction may opt out of status notifications by writing to the program office. The office confirms each opt out in writing.');
    assert.deepEqual(diagnostics.filter((d) => d.code === 'term-variant'), []);
  });

  it('source.fixAll.policyLint applies every safe fix of the file and nothing unsafe', async () => {
    const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: rangeOf(0, 0, 0, 0),
      context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 2 },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all auto-fixable Policy Lint problems', 'source.fixAll.policyLint']]);
    const expected = text
      .replace('may opt-out of', 'may opt out of')
      .replace('each opt-out in', 'each opt out in')
      .replace('Jurisdictions must report', '[Mandatory] Jurisdictions must report');
    const { text: fixed, diagnostics } = await applyInEditor(actions[0]);
    assert.equal(fixed, expected);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['missing-section', 'participation-contradiction', 'missing-label', 'label-conflict'],
      'the findings without a safe fix remain',
    );
  });

  it('"Ignore this finding" inserts a suppression with a reason placeholder above the line, indented like it; the finding goes away', async () => {
    const conflict = find('label-conflict', 31);
    const ignore = (await actionsFor(conflict)).find((a) => a.title === 'Ignore this finding (label-conflict)')!;
    const edit = ignore.edit!.documentChanges![0] as any;
    assert.deepEqual(edit.textDocument, { uri, version: 1 });
    assert.deepEqual(edit.edits, [{ range: rangeOf(31, 0, 31, 0), snippet: { kind: 'snippet', value: '  <!-- policy-lint-disable-next-line label-conflict -- ${1:reason} -->\n' } }]);
    const { text: after, diagnostics } = await applyInEditor(ignore);
    assert.deepEqual(lines(after).slice(31, 33), ['  <!-- policy-lint-disable-next-line label-conflict -- reason -->', '  [Optional] Jurisdictions must keep booking records for five years.']);
    assert.equal(diagnostics.some((d) => d.code === 'label-conflict'), false);
    assert.equal(diagnostics.some((d) => d.code === 'invalid-suppression'), false, 'the comment is a valid suppression');
  });

  it('ignores a finding in front matter with a file-level suppression after it (a comment inside would break the YAML)', async () => {
    const ignore = (await actionsFor(find('missing-section', 1))).find((a) => a.title.startsWith('Ignore'))!;
    assert.equal(ignore.title, 'Ignore missing-section in this file');
    const { text: after, diagnostics } = await applyInEditor(ignore);
    assert.equal(lines(after)[4], '<!-- policy-lint-disable-file missing-section -- reason -->');
    assert.equal(lines(after)[3], '---');
    assert.equal(diagnostics.some((d) => d.code === 'missing-section' || d.code === 'front-matter'), false);
  });

  it('without snippet support, inserts the reason as plain text', async () => {
    await server.stop();
    server = await startServer({ workspace: dir, capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } } } });
    ({ uri, text } = server.open('guidance.md'));
    diags = await server.diagnosticsForVersion(uri, 1);
    const ignore = (await actionsFor(find('missing-label', 29))).find((a) => a.title.startsWith('Ignore'))!;
    assert.deepEqual(ignore.edit, { changes: { [uri]: [{ range: rangeOf(29, 0, 29, 0), newText: '<!-- policy-lint-disable-next-line missing-label -- reason -->\n' }] } });
  });

  it('"Show documentation" runs policyLint.openRuleDocs, which asks the editor to show the rule page', async () => {
    const docs = (await actionsFor(find('label-conflict', 31))).find((a) => a.title === 'Show documentation for label-conflict')!;
    assert.deepEqual(docs.command, { title: 'Show documentation for label-conflict', command: 'policyLint.openRuleDocs', arguments: ['label-conflict'] });
    const result = await server.request('workspace/executeCommand', { command: docs.command!.command, arguments: docs.command!.arguments });
    const page = URI.file(path.join(REPO_ROOT, 'docs', 'rules', 'label-conflict.md')).toString();
    assert.ok(fs.existsSync(URI.parse(page).fsPath), 'the rule page ships in docs/rules');
    assert.deepEqual(result, { uri: page });
    assert.deepEqual(server.shownDocuments, [{ uri: page, external: false, takeFocus: true }]);
    await assert.rejects(server.request('workspace/executeCommand', { command: 'policyLint.openRuleDocs', arguments: ['no-such-rule'] }), /needs a rule id/);
  });

  it('gives no action for a stale diagnostic (its finding is gone) or an unknown document', async () => {
    const stale = { ...find('missing-label', 29), data: { ruleId: 'missing-label', fingerprint: 'deadbeef', fixes: [] }, range: rangeOf(3, 0, 3, 3) };
    assert.deepEqual(await actionsFor(stale), []);
    const unknown = await server.request('textDocument/codeAction', { textDocument: { uri: server.uri('nope.md') }, range: rangeOf(0, 0, 0, 0), context: { diagnostics: [] } });
    assert.deepEqual(unknown, []);
  });
});
