import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { ruleDocUrl } from '../../server/src/engine';
import { brief, copyFixture, rangeOf, removeDir, REPO_ROOT, startServer, type ServerHarness } from './harness';

/** What the server links to by default: the doc page beside the bundle, else the public URL. */
function expectedDocLink(id: string): string {
  const local = path.join(REPO_ROOT, 'docs', 'rules', `${id}.md`);
  return fs.existsSync(local) ? URI.file(local).toString() : ruleDocUrl(id);
}

const ERROR = 1;
const WARNING = 2;

describe('protocol: diagnostics', function () {
  let dir: string;
  let server: ServerHarness;

  beforeEach(async () => {
    dir = copyFixture();
    server = await startServer({ workspace: dir });
  });
  afterEach(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('publishes every rule with code, doc link, source, severity and exact range, for open and closed files', async () => {
    const { uri } = server.open('guidance.md');
    const diags = await server.diagnosticsForVersion(uri, 1);
    assert.deepEqual(
      diags.map((d) => [d.code, d.severity, d.range]),
      [
        ['missing-section', WARNING, rangeOf(1, 0, 1, 18)],
        ['participation-contradiction', ERROR, rangeOf(19, 2, 19, 55)],
        ['term-variant', WARNING, rangeOf(23, 19, 23, 26)],
        ['term-variant', WARNING, rangeOf(23, 110, 23, 117)],
        ['missing-label', WARNING, rangeOf(27, 0, 27, 18)],
        ['missing-label', WARNING, rangeOf(29, 0, 29, 20)],
        ['label-conflict', ERROR, rangeOf(31, 27, 31, 31)],
      ],
    );
    for (const d of diags) {
      assert.equal(d.source, 'policy-lint');
      assert.equal(d.codeDescription?.href, expectedDocLink(String(d.code)));
      assert.equal((d.data as { ruleId: string }).ruleId, d.code);
    }
    const conflict = diags.find((d) => d.code === 'label-conflict')!;
    assert.deepEqual(conflict.relatedInformation?.map((r) => [r.location.uri, r.location.range]), [[uri, rangeOf(31, 2, 31, 13)]]);
    const variant = diags.find((d) => d.code === 'term-variant')!;
    assert.match(String(variant.message), /"opt-out" is written "opt out"/);
    assert.deepEqual(variant.relatedInformation?.map((r) => [r.location.uri, r.location.range]), [[server.uri('outreach.md'), rangeOf(8, 18, 8, 25)]]);

    // Closed files are published from the index: the Problems view shows the workspace.
    const outreach = await server.waitForDiagnostics(server.uri('outreach.md'), (p) => p.diagnostics.length > 0);
    assert.equal(outreach.version, undefined);
    assert.deepEqual(outreach.diagnostics.map((d) => [d.code, d.severity, d.range]), [
      ['front-matter', WARNING, rangeOf(2, 10, 2, 30)],
      ['invalid-suppression', WARNING, rangeOf(10, 0, 10, 52)],
    ]);
    assert.match(String(outreach.diagnostics[0].message), /template/);
    assert.ok(server.logText().includes(`${server.uri('outreach.md')}:3: Front matter \`template\` should be a single name.`), server.logText());
    // Excluded by the default exclude globs.
    assert.equal(server.diagnostics.get(server.uri('CHANGELOG.md')), undefined);
  });

  it('reports a contradiction between an open and a closed file, and drops it when the open one is edited to agree', async () => {
    const { uri } = server.open('guidance.md');
    const agreement = server.uri('agreement.md');
    const before = (await server.diagnosticsForVersion(uri, 1)).find((d) => d.code === 'participation-contradiction')!;
    assert.match(String(before.message), /"the data quality review" is optional here but mandatory at agreement\.md:8/);
    assert.deepEqual(before.relatedInformation?.map((r) => [r.location.uri, r.location.range]), [[agreement, rangeOf(7, 0, 7, 53)]]);
    await server.waitForDiagnostics(agreement, (p) => p.diagnostics.some((d) => d.code === 'participation-contradiction' && d.relatedInformation?.[0].location.uri === uri));

    // "voluntary" → "mandatory" on line 19, as an incremental change.
    const version = server.change(uri, [{ range: rangeOf(19, 46, 19, 55), text: 'mandatory' }]);
    const after = await server.diagnosticsForVersion(uri, version);
    assert.deepEqual(after.filter((d) => d.code === 'participation-contradiction'), []);
    assert.equal(after.filter((d) => d.code === 'term-variant').length, 2, 'the rest of the document is still analysed');
    await server.waitForDiagnostics(agreement, (p) => p.diagnostics.every((d) => d.code !== 'participation-contradiction'));
  });

  it('drops the contradiction when the closed file is fixed on disk', async () => {
    const { uri } = server.open('guidance.md');
    await server.diagnosticsForVersion(uri, 1);
    const file = server.file('agreement.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('review is mandatory', 'review is voluntary'));
    server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri('agreement.md'), type: 2 }] });
    const now = await server.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'participation-contradiction'));
    assert.equal(now.version, 1, 'republished for the version the editor holds');
  });

  it('picks up a new file on disk that contradicts an open document, and forgets it when deleted', async () => {
    const { uri } = server.open('guidance.md');
    await server.diagnosticsForVersion(uri, 1);
    const memo = server.file('memo.md');
    fs.writeFileSync(memo, '---\nprogram: Secure Communities\n---\n# Memo\n\nParticipation in immigration status notifications is mandatory.\n');
    server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri('memo.md'), type: 1 }] });
    const withMemo = await server.waitForDiagnostics(uri, (p) =>
      p.diagnostics.some((d) => d.code === 'participation-contradiction' && d.relatedInformation?.some((r) => r.location.uri === server.uri('memo.md'))),
    );
    const found = withMemo.diagnostics.find((d) => d.relatedInformation?.some((r) => r.location.uri === server.uri('memo.md')))!;
    assert.deepEqual(found.range, rangeOf(18, 2, 18, 34));
    const memoDiags = await server.waitForDiagnostics(server.uri('memo.md'), (p) => p.diagnostics.length > 0);
    assert.deepEqual(memoDiags.diagnostics.map(brief), ['participation-contradiction@5:0-5:62']);

    fs.rmSync(memo);
    server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri('memo.md'), type: 3 }] });
    await server.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.relatedInformation?.some((r) => r.location.uri === server.uri('memo.md'))));
    await server.waitForDiagnostics(server.uri('memo.md'), (p) => p.diagnostics.length === 0);
  });

  it('debounces edits: only the version the author stopped at is analysed and published', async () => {
    const { uri } = server.open('guidance.md');
    await server.diagnosticsForVersion(uri, 1);
    server.settings = { debounceMs: 400 };
    server.notify('workspace/didChangeConfiguration', { settings: null });
    await server.waitForNotification('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 1 && server.published.filter((x) => x.uri === uri).length > 1);
    const v2 = server.change(uri, [{ range: rangeOf(27, 0, 27, 0), text: 'X' }]);
    const v3 = server.change(uri, [{ range: rangeOf(27, 0, 27, 1), text: '' }]);
    await server.diagnosticsForVersion(uri, v3);
    assert.equal(server.published.some((p) => p.uri === uri && p.version === v2), false, 'no result for the superseded version');
  });

  it('re-analyses only the edited document, and re-publishes only documents the edit affects', async () => {
    const { uri } = server.open('guidance.md');
    await server.diagnosticsForVersion(uri, 1);
    await server.request('policyLint/stats', null); // settle: every earlier publish has been sent
    const before = await server.request('policyLint/stats', null);
    const start = server.published.length;
    // An edit to the Intent paragraph: no statement, no term.
    const v2 = server.change(uri, [{ range: rangeOf(8, 0, 8, 0), text: 'In short, ' }]);
    await server.diagnosticsForVersion(uri, v2);
    const after = await server.request('policyLint/stats', null);
    assert.equal(after.work.upserts - before.work.upserts, 1, 'one document analysed');
    assert.deepEqual(server.published.slice(start).map((p) => p.uri), [uri]);

    // An edit to a statement another file shares re-publishes that file too (and no other).
    const mark = server.published.length;
    const v3 = server.change(uri, [{ range: rangeOf(19, 46, 19, 55), text: 'mandatory' }]);
    await server.diagnosticsForVersion(uri, v3);
    await server.waitForDiagnostics(server.uri('agreement.md'), (p) => p.diagnostics.length === 0);
    const end = await server.request('policyLint/stats', null);
    assert.equal(end.work.upserts - after.work.upserts, 1);
    assert.deepEqual([...new Set(server.published.slice(mark).map((p) => p.uri))].sort(), [server.uri('agreement.md'), uri].sort());
  });

  it('indexes a workspace folder added later into the same project, and drops it when removed', async () => {
    const { uri } = server.open('guidance.md');
    await server.diagnosticsForVersion(uri, 1);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-lsp-folder-'));
    try {
      fs.writeFileSync(path.join(other, 'letter.md'), '---\nprogram: Secure Communities\n---\n# Letter\n\nParticipation in immigration status notifications is mandatory.\n');
      const folder = { uri: URI.file(other).toString(), name: 'other' };
      const letter = URI.file(path.join(other, 'letter.md')).toString();
      server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
      await server.waitForDiagnostics(letter, (p) => p.diagnostics.some((d) => d.code === 'participation-contradiction' && d.relatedInformation?.[0].location.uri === uri));
      await server.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.relatedInformation?.some((r) => r.location.uri === letter)));
      server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
      await server.waitForDiagnostics(letter, (p) => p.diagnostics.length === 0);
      await server.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.relatedInformation?.some((r) => r.location.uri === letter)));
    } finally {
      removeDir(other);
    }
  });
});
