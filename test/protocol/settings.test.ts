import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { copyFixture, rangeOf, removeDir, startServer, type ServerHarness } from './harness';

const codes = (p: { diagnostics: Array<{ code?: unknown }> }) => p.diagnostics.map((d) => String(d.code));

describe('protocol: settings and configuration', function () {
  let dir: string;
  let server: ServerHarness;
  let uri: string;

  beforeEach(async () => {
    dir = copyFixture();
  });
  afterEach(async () => {
    await server?.stop();
    removeDir(dir);
  });

  async function start(settings: Record<string, unknown> = { debounceMs: 20 }) {
    server = await startServer({ workspace: dir, settings });
    ({ uri } = server.open('guidance.md'));
    return server.diagnosticsForVersion(uri, 1);
  }

  /** Changes the settings the client answers with and tells the server, as VS Code does. */
  function setSettings(settings: Record<string, unknown>) {
    server.settings = settings;
    server.notify('workspace/didChangeConfiguration', { settings: null });
  }

  it('registers file watchers for Markdown and config files, and configuration changes, dynamically', async () => {
    await start();
    const watchers = server.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')?.registerOptions.watchers.map((w: { globPattern: string }) => w.globPattern);
    assert.deepEqual(watchers, ['**/*.md', '**/{.policylintrc.json,.policylintrc.yaml,.policylintrc.yml,policy-lint.config.json,policy-lint.config.yaml,policy-lint.config.yml}']);
    assert.ok(server.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
  });

  it('a rule turned off in the settings disappears without a restart, and comes back', async () => {
    const first = await start();
    assert.ok(first.some((d) => d.code === 'term-variant'));
    setSettings({ debounceMs: 20, rules: { 'term-variant': 'off' } });
    await server.waitForDiagnostics(uri, (p) => !codes(p).includes('term-variant') && codes(p).includes('missing-label'));
    setSettings({ debounceMs: 20, rules: { 'term-variant': 'hint' } });
    const back = await server.waitForDiagnostics(uri, (p) => codes(p).includes('term-variant'));
    assert.deepEqual(back.diagnostics.filter((d) => d.code === 'term-variant').map((d) => d.severity), [4, 4]);
  });

  it('the editor\'s `files` globs decide which files are policy documents, as the VS Code client does', async () => {
    server = await startServer({ workspace: dir, settings: { debounceMs: 20, files: ['**/agreement.md', '**/guidance.md'] } });
    const stats = await server.request<{ documents: { indexed: number } }>('policyLint/stats', {});
    assert.equal(stats.documents.indexed, 2, JSON.stringify(stats.documents));
  });

  it('bad setting values fall back to their defaults with a warning naming the setting', async () => {
    const diags = await start({ debounceMs: 'soon', enable: 'yes', docsBaseUrl: 'not a url', rules: { 'no-such-rule': 'error', 'missing-label': 'loud' } });
    assert.ok(diags.some((d) => d.code === 'missing-label' && d.severity === 2), 'defaults still apply: linting on, missing-label a warning');
    const log = server.logText();
    assert.match(log, /Setting `policyLint\.debounceMs` should be a number of milliseconds from 0 to 10000, got "soon"\. Using 150\./);
    assert.match(log, /Setting `policyLint\.enable` should be true or false, got "yes"\. Using true\./);
    assert.match(log, /Setting `policyLint\.docsBaseUrl` should be an http\(s\) or file URL, got "not a url"/);
    assert.match(log, /`policyLint\.rules` names an unknown rule `no-such-rule`/);
    assert.match(log, /Setting `policyLint\.rules\.missing-label` should be one of "error", "warning", "info", "hint", "off", got "loud"/);
    // Pulled again on every change, but each warning is logged once.
    setSettings({ debounceMs: 'soon' });
    await server.waitForDiagnostics(uri, () => server.published.filter((p) => p.uri === uri).length >= 2);
    assert.equal(server.logText().split('policyLint.debounceMs').length - 1, 1);
  });

  it('docsBaseUrl moves the doc links, and "Show documentation" opens them outside the editor', async () => {
    await start({ debounceMs: 20, docsBaseUrl: 'https://example.org/policy-lint/rules/' });
    const diags = await server.diagnosticsForVersion(uri, 1);
    assert.equal(diags.find((d) => d.code === 'missing-label')?.codeDescription?.href, 'https://example.org/policy-lint/rules/missing-label.md');
    await server.request('workspace/executeCommand', { command: 'policyLint.openRuleDocs', arguments: ['term-variant'] });
    assert.deepEqual(server.shownDocuments, [{ uri: 'https://example.org/policy-lint/rules/term-variant.md', external: true, takeFocus: true }]);
  });

  it('enable: false clears the diagnostics and the fixes; enabling brings them back', async () => {
    await start();
    setSettings({ enable: false });
    await server.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await server.waitForDiagnostics(server.uri('outreach.md'), (p) => p.diagnostics.length === 0);
    const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: rangeOf(27, 0, 27, 5), context: { diagnostics: [] } });
    assert.deepEqual(actions, []);
    setSettings({ enable: true });
    await server.waitForDiagnostics(uri, (p) => p.diagnostics.length === 7);
  });

  it('the repository config file overrides the defaults; a changed file re-validates every document', async () => {
    await start();
    const config = server.file('.policylintrc.yaml');
    fs.appendFileSync(config, 'rules:\n  missing-label: off\n  term-variant: error\n');
    server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri('.policylintrc.yaml'), type: 2 }] });
    const now = await server.waitForDiagnostics(uri, (p) => !codes(p).includes('missing-label'));
    assert.deepEqual(now.diagnostics.filter((d) => d.code === 'term-variant').map((d) => d.severity), [1, 1]);
    assert.equal(now.version, 1);
    // Rule severities set in the editor override the file.
    setSettings({ debounceMs: 20, rules: { 'missing-label': 'info' } });
    const overridden = await server.waitForDiagnostics(uri, (p) => codes(p).includes('missing-label'));
    assert.deepEqual(overridden.diagnostics.filter((d) => d.code === 'missing-label').map((d) => d.severity), [3, 3]);
  });

  it('config file problems are published on the config file and logged; the rest of the config still applies', async () => {
    await start();
    const config = server.file('.policylintrc.yaml');
    const original = fs.readFileSync(config, 'utf8');
    fs.writeFileSync(config, original + 'colour: blue\nrules:\n  term-variant: loud\n');
    server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri('.policylintrc.yaml'), type: 2 }] });
    const problems = await server.waitForDiagnostics(server.uri('.policylintrc.yaml'), (p) => p.diagnostics.length === 2);
    assert.deepEqual(problems.diagnostics.map((d) => [d.code, d.source, d.range.start.line]), [
      ['config', 'policy-lint', 13],
      ['config', 'policy-lint', 15],
    ]);
    assert.match(String(problems.diagnostics[0].message), /`colour` is not a known setting/);
    assert.match(server.logText(), /colour/);
    // Terms and registry from the same file still apply: term variants are still found.
    await server.waitForDiagnostics(uri, (p) => codes(p).filter((c) => c === 'term-variant').length === 2 && p.version === 1);

    fs.writeFileSync(config, original);
    server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri('.policylintrc.yaml'), type: 2 }] });
    await server.waitForDiagnostics(server.uri('.policylintrc.yaml'), (p) => p.diagnostics.length === 0);
  });

  it('without workspace/configuration, reads settings from initializationOptions and didChangeConfiguration', async () => {
    server = await startServer({
      workspace: dir,
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } } },
      initializationOptions: { policyLint: { debounceMs: 0, rules: { 'term-variant': 'off' } } },
    });
    ({ uri } = server.open('guidance.md'));
    const first = await server.diagnosticsForVersion(uri, 1);
    assert.equal(first.some((d) => d.code === 'term-variant'), false);
    server.notify('workspace/didChangeConfiguration', { settings: { policyLint: { rules: { 'missing-label': 'off' } } } });
    await server.waitForDiagnostics(uri, (p) => codes(p).includes('term-variant') && !codes(p).includes('missing-label'));
  });

  it('announces policyLint.openRuleDocs to generic clients, not to VS Code, whose extension registers it itself', async () => {
    server = await startServer({ workspace: dir, waitForIndex: false });
    assert.deepEqual(server.initializeResult.capabilities.executeCommandProvider, { commands: ['policyLint.openRuleDocs'] });
    await server.stop();
    server = await startServer({ workspace: dir, clientInfo: { name: 'Visual Studio Code', version: '1.95.0' }, waitForIndex: false });
    assert.deepEqual(server.initializeResult.capabilities.executeCommandProvider, { commands: [] });
    await server.stop();
    server = await startServer({ workspace: dir, initializationOptions: { clientCommands: ['policyLint.openRuleDocs'] }, waitForIndex: false });
    assert.deepEqual(server.initializeResult.capabilities.executeCommandProvider, { commands: [] });
  });

  it('takes section templates from snippet packs (initializationOptions, then a notification); the config file wins on a name clash', async () => {
    const memo = { sections: [{ name: 'Purpose' }, { name: 'Decision', aliases: ['Decisions'] }] };
    fs.writeFileSync(`${dir}/memo.md`, '---\ntemplate: memo\n---\n# Memo\n\n## Purpose\n\nWhy.\n');
    server = await startServer({ workspace: dir, initializationOptions: { packTemplates: { memo, broken: { sections: 'no' } } } });
    const memoUri = server.uri('memo.md');
    const first = await server.waitForDiagnostics(memoUri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(first.diagnostics.map((d) => [d.code, String(d.message)]), [['missing-section', 'Template "memo" requires a "Decision" section, and this document has none.']]);
    assert.match(server.logText(), /Snippet pack template "broken" should have `sections`/);

    server.notify('policyLint/packTemplates', { templates: { memo: { sections: [{ name: 'Purpose' }, { name: 'Decision' }, { name: 'Review' }] } } });
    await server.waitForDiagnostics(memoUri, (p) => p.diagnostics.length === 2);

    fs.appendFileSync(server.file('.policylintrc.yaml'), 'templates:\n  memo:\n    sections:\n      - name: Purpose\n');
    server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri('.policylintrc.yaml'), type: 2 }] });
    await server.waitForDiagnostics(memoUri, (p) => p.diagnostics.length === 0);
  });
});
