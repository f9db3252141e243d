import * as assert from 'node:assert/strict';
import { loadConfig, Project } from '../../server/src/engine';
import { Logger } from '../../server/src/lsp/log';
import { SUMMARY_CHANGED_NOTIFICATION, SUMMARY_REQUEST } from '../../server/src/lsp/protocol';
import { SummaryChanges } from '../../server/src/lsp/summaryChanges';
import { copyFixture, positionOf, rangeOf, removeDir, startServer, type ServerHarness } from './harness';

interface SummaryRow {
  key: string;
  aspect: string;
  status: string;
  locations: Array<{ uri: string; range: { start: { line: number; character: number } }; status: string }>;
}
interface SummaryResult {
  rows: SummaryRow[];
  folder?: string;
  markdown: string;
}

const REVIEW = 'the data quality review';

describe('protocol: policyLint/summaryChanged and a scoped policyLint/summary', function () {
  this.timeout(20_000);
  let dir: string;
  let server: ServerHarness;

  before(async () => {
    dir = copyFixture();
    server = await startServer({ workspace: dir });
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  const notificationsSoFar = () => server.notifications.filter((n) => n.method === SUMMARY_CHANGED_NOTIFICATION).length;

  it('notifies after an edit that changes a statement, and the summary then has the new status and line', async () => {
    const doc = server.open('agreement.md');
    await server.diagnosticsForVersion(doc.uri, 1);
    const before = await server.request<SummaryResult>(SUMMARY_REQUEST, {});
    const row = before.rows.find((r) => r.aspect === REVIEW);
    assert.equal(row?.status, 'contradictory', `the fixture contradicts itself on ${REVIEW}: ${JSON.stringify(row)}`);
    const inAgreement = row!.locations.find((l) => l.uri === doc.uri);
    assert.equal(inAgreement?.status, 'mandatory');
    assert.equal(inAgreement?.range.start.line, 7, 'line 8 of agreement.md, 0-based');

    const seen = notificationsSoFar();
    // "mandatory" becomes "voluntary", and a blank line above moves the statement down one line.
    const at = positionOf(doc.text, 'is mandatory.');
    const heading = positionOf(doc.text, '## Obligations');
    server.change(doc.uri, [
      { range: rangeOf(at.line, at.character + 3, at.line, at.character + 12), text: 'voluntary' },
      { range: rangeOf(heading.line, 0, heading.line, 0), text: '\n' },
    ]);
    await server.diagnosticsForVersion(doc.uri, 2);
    await server.waitUntil(() => (notificationsSoFar() > seen ? true : undefined), `${SUMMARY_CHANGED_NOTIFICATION} after the edit`, 5000);

    const after = await server.request<SummaryResult>(SUMMARY_REQUEST, {});
    const changed = after.rows.find((r) => r.aspect === REVIEW);
    assert.equal(changed?.status, 'optional', `both places now say optional: ${JSON.stringify(changed)}`);
    const moved = changed!.locations.find((l) => l.uri === doc.uri);
    assert.equal(moved?.status, 'optional');
    assert.equal(moved?.range.start.line, 8, 'the statement moved down with the inserted line');
  });

  it('notifies when a document that is not open changes on disk', async () => {
    const seen = notificationsSoFar();
    const fs = await import('node:fs');
    const file = server.file('guidance.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('data quality review is voluntary', 'data quality review is mandatory'));
    server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri('guidance.md'), type: 2 }] });
    await server.waitUntil(() => (notificationsSoFar() > seen ? true : undefined), `${SUMMARY_CHANGED_NOTIFICATION} after the file event`, 5000);
    const result = await server.request<SummaryResult>(SUMMARY_REQUEST, {});
    const row = result.rows.find((r) => r.aspect === REVIEW);
    // agreement.md (open) now says voluntary, guidance.md on disk now says mandatory.
    assert.equal(row?.status, 'contradictory', JSON.stringify(row));
    assert.equal(row!.locations.find((l) => l.uri === server.uri('guidance.md'))?.status, 'mandatory');
  });

  it('summarises only the documents under a folder when asked', async () => {
    const all = await server.request<SummaryResult>(SUMMARY_REQUEST, {});
    const folder = server.uri('');
    const scoped = await server.request<SummaryResult>(SUMMARY_REQUEST, { folder: server.uri('guidance.md').replace(/guidance\.md$/, '') });
    assert.equal(scoped.folder, folder.replace(/\/$/, ''));
    assert.deepEqual(scoped.rows.map((r) => r.key).sort(), all.rows.map((r) => r.key).sort(), 'the workspace folder is the whole workspace');

    const elsewhere = await server.request<SummaryResult>(SUMMARY_REQUEST, { folder: `${folder}/no-such-folder` });
    const documentLocations = elsewhere.rows.flatMap((r) => r.locations).filter((l) => l.uri.endsWith('.md'));
    assert.deepEqual(documentLocations, [], 'no document lies under a folder that does not exist');
    // Registry entries (from the configuration) are still listed: they apply everywhere.
    assert.ok(elsewhere.rows.some((r) => r.locations.length > 0), 'the registry rows are kept');
  });

  it('leaves the Markdown out when asked for rows only (what live views ask for)', async () => {
    const full = await server.request<SummaryResult>(SUMMARY_REQUEST, {});
    const rowsOnly = await server.request<SummaryResult>(SUMMARY_REQUEST, { markdown: false });
    assert.equal(rowsOnly.markdown, '');
    assert.deepEqual(rowsOnly.rows, full.rows);
    assert.match(full.markdown, /^# Participation summary/);
  });

  it('refuses a malformed folder or markdown flag with InvalidParams, and keeps serving', async () => {
    await assert.rejects(server.request(SUMMARY_REQUEST, { folder: 42 }), (e: { code?: number; message?: string }) => e.code === -32602 && /folder/.test(e.message ?? ''));
    await assert.rejects(server.request(SUMMARY_REQUEST, { markdown: 'no' }), (e: { code?: number; message?: string }) => e.code === -32602 && /markdown/.test(e.message ?? ''));
    const result = await server.request<SummaryResult>(SUMMARY_REQUEST, {});
    assert.ok(result.rows.length > 0);
  });
});

describe('SummaryChanges: when the summary counts as changed', () => {
  const uri = 'file:///w/a.md';
  const text = ['---', 'program: Secure Communities', '---', '# A', '', 'Participation in the data quality review is mandatory.', ''].join('\n');

  function setup() {
    const project = new Project();
    const sent: string[] = [];
    const log = new Logger({ info() {}, warn() {}, error() {}, log() {} } as never);
    const changes = new SummaryChanges({ project, notify: (m) => sent.push(m), idle: async () => undefined, log, debounceMs: 60_000 });
    return { project, sent, changes };
  }

  it('says nothing before the client has asked for the summary', async () => {
    const { project, sent, changes } = setup();
    project.upsert(uri, text);
    assert.equal(await changes.compareNow(), false);
    assert.deepEqual(sent, []);
    changes.dispose();
  });

  it('notifies for a changed status, a moved statement, a new registry or a removed document; not for an edit elsewhere on a line', async () => {
    const { project, sent, changes } = setup();
    project.upsert(uri, text);
    changes.requested();
    project.upsert(uri, text.replace('# A', '# A heading that grew'));
    assert.equal(await changes.compareNow(), false, 'the heading is not a statement and no line moved');
    project.upsert(uri, text.replace('is mandatory', 'is voluntary'));
    assert.equal(await changes.compareNow(), true, 'the status changed');
    project.upsert(uri, text.replace('is mandatory', 'is voluntary').replace('# A', '# A\n'));
    assert.equal(await changes.compareNow(), true, 'the statement moved down a line');
    assert.equal(await changes.compareNow(), false, 'nothing changed since');
    const { resolved } = loadConfig('programs:\n  - name: Secure Communities\n    status: optional\n', 'file:///w/.policylintrc.yaml');
    project.setConfig(resolved);
    assert.equal(await changes.compareNow(), true, 'the registry now declares the program optional');
    project.remove(uri);
    assert.equal(await changes.compareNow(), true, 'the document left');
    assert.equal(sent.length, 4);
    assert.ok(sent.every((m) => m === SUMMARY_CHANGED_NOTIFICATION));
    changes.dispose();
  });
});
