/**
 * The server under faults, through the protocol: rules that throw, an engine that throws,
 * analysis that hogs the thread, cancelled requests, versions out of order, requests for
 * documents the server does not hold, and bursts of edits. Faults are injected by a
 * test-only server entry (fixtures/faultyServer.ts), never by hooks in the product.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CodeAction, Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { buildFaultyServer, startFaultyServer, stopFaultyServer, type FaultyServerBuild } from './fixtures/faultHarness';
import { applyWorkspaceEdit, brief, copyFixture, positionOf, rangeOf, removeDir, type ServerHarness } from './harness';

const REQUEST_CANCELLED = -32800;

/** What a user would compare: rule, place and message. */
const shape = (ds: Diagnostic[]) => ds.map((d) => `${brief(d)} ${d.message}`);

describe('protocol: faults (rules that throw, slow analysis, cancellation, versions)', function () {
  this.timeout(30_000);
  let build: FaultyServerBuild;
  let dir: string;
  let server: ServerHarness;

  before(async function () {
    this.timeout(60_000);
    build = await buildFaultyServer();
  });
  after(() => build?.remove());

  async function start(settings?: Record<string, unknown>): Promise<void> {
    dir = copyFixture();
    server = await startFaultyServer(build.file, dir, settings);
  }
  afterEach(async () => {
    await stopFaultyServer(server);
    removeDir(dir);
  });

  const hoverAt = (uri: string, text: string, needle: string, offset: number) => {
    const p = positionOf(text, needle);
    return server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: p.line, character: p.character + offset } });
  };
  const logsAbout = (needle: string) => server.logs.filter((l) => l.message.includes(needle));

  it('a throwing rule is skipped, the other rules still publish, the failure is logged once per rule, and requests are still answered', async () => {
    await start();
    const uri = server.uri('guidance.md');
    const clean = server.open('guidance.md').text;
    const expected = shape(await server.diagnosticsForVersion(uri, 1));
    assert.ok(expected.length >= 5, 'the fixture has findings of several rules');

    // Both throwing rules triggered, on a line of its own at the end (nothing else moves).
    let text = `${clean}\nFAULT-THROW FAULT-PROJECT-THROW\n`;
    let version = server.change(uri, [{ range: rangeOf(0, 0, 9999, 0), text }]);
    assert.deepEqual(shape(await server.diagnosticsForVersion(uri, version)), expected, 'every other rule still reports');

    // Thirty keystrokes that keep the triggers: the failures are not logged again.
    const triggerLine = text.split('\n').length - 2;
    for (let i = 0; i < 30; i++) version = server.change(uri, [{ range: rangeOf(triggerLine, 0, triggerLine, 0), text: 'x' }]);
    text = `${clean}\n${'x'.repeat(30)}FAULT-THROW FAULT-PROJECT-THROW\n`;
    assert.deepEqual(shape(await server.diagnosticsForVersion(uri, version)), expected);
    // Another document hitting the same rule is not logged again either (one report per rule).
    const agreement = server.open('agreement.md', 'FAULT-THROW\n\n[Mandatory] Participation in the data quality review is mandatory.\n');
    await server.diagnosticsForVersion(agreement.uri, 1);

    const stats = await server.request<{ ruleErrors: number }>('policyLint/stats', null);
    assert.equal(stats.ruleErrors, 3, 'the engine recorded each rule once per document: fault-throws twice, fault-throws-project once');
    for (const rule of ['fault-throws', 'fault-throws-project']) {
      const lines = logsAbout(`Rule ${rule} failed`);
      assert.equal(lines.length, 1, `one report for ${rule}, got:\n${server.logText()}`);
      assert.equal(lines[0].type, 1, 'logged as an error');
      assert.ok(lines[0].message.includes(uri), `names the document: ${lines[0].message}`);
      assert.match(lines[0].message, rule === 'fault-throws' ? /injected fault: the document contains FAULT-THROW/ : /FAULT-PROJECT-THROW/);
    }

    // Hover and code actions still work on the document whose rule throws.
    const hover = await hoverAt(uri, text, 'opt-out of', 3);
    assert.match(JSON.stringify(hover?.contents), /opt out/);
    const diags = server.diagnostics.get(uri)!.diagnostics;
    const unlabelled = diags.find((d) => d.code === 'missing-label')!;
    const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unlabelled.range, context: { diagnostics: [unlabelled] } });
    assert.equal(actions[0]?.title, 'Label as [Mandatory]');
    const fixed = applyWorkspaceEdit(text, uri, actions[0].edit!);
    assert.equal(fixed.split('\n')[unlabelled.range.start.line].slice(0, 12), '[Mandatory] ');
  });

  it('an engine failure on one document shows there as an internal error; other documents go on and it recovers when the text changes', async () => {
    await start();
    const { uri, text } = server.open('guidance.md');
    const expected = shape(await server.diagnosticsForVersion(uri, 1));
    const broken = `${text}\nFAULT-ENGINE\n`;
    const v2 = server.change(uri, [{ range: rangeOf(0, 0, 9999, 0), text: broken }]);
    const failed = await server.diagnosticsForVersion(uri, v2);
    assert.deepEqual(failed.map((d) => d.code), ['internal-error']);
    assert.match(String(failed[0].message), /could not analyse this document \(injected fault: Project\.upsert failed on FAULT-ENGINE\)/);
    assert.ok(server.logText().includes(`Could not analyse ${uri}: TypeError: injected fault`), server.logText());

    // Another document is analysed as usual meanwhile.
    const other = server.open('agreement.md', `${fs.readFileSync(server.file('agreement.md'), 'utf8')}\nCounties must file a plan.\n`);
    assert.ok((await server.diagnosticsForVersion(other.uri, 1)).some((d) => d.code === 'missing-label'));
    assert.equal(await hoverAt(uri, broken, 'opt-out of', 3), null, 'no model, no hover; no error either');

    const v3 = server.change(uri, [{ range: rangeOf(0, 0, 9999, 0), text }]);
    assert.deepEqual(shape(await server.diagnosticsForVersion(uri, v3)), expected);
  });

  it('a cancelled request on a slow analysis is answered (RequestCancelled or the result) and the server keeps working', async () => {
    // Edits wait 10 s, so the hover below is what runs the (slow) analysis of the new text.
    await start({ debounceMs: 10_000 });
    const { uri, text } = server.open('guidance.md');
    await server.diagnosticsForVersion(uri, 1);
    const slow = `${text}\nFAULT-SLOW-1500\n`;
    const v2 = server.change(uri, [{ range: rangeOf(0, 0, 9999, 0), text: slow }]);

    const cancelled = new CancellationTokenSource();
    const p = positionOf(slow, 'opt-out of');
    const pending = server.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: p.line, character: p.character + 3 } }, cancelled.token);
    cancelled.cancel();
    const outcome = await pending.then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    if ('error' in outcome) {
      assert.ok(outcome.error instanceof ResponseError, String(outcome.error));
      assert.equal(outcome.error.code, REQUEST_CANCELLED, outcome.error.message);
    } else {
      assert.match(JSON.stringify((outcome.result as Hover | null)?.contents), /opt out/);
    }

    // A request cancelled while it waits behind a slow analysis is answered RequestCancelled, without running.
    server.change(uri, [{ range: rangeOf(0, 0, 9999, 0), text: `${slow}\n` }]);
    const first = hoverAt(uri, slow, 'opt-out of', 3); // analyses the new text: the thread is busy for 1.5 s
    const waiting = new CancellationTokenSource();
    const second = server.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: p.line, character: p.character + 3 } }, waiting.token);
    waiting.cancel();
    await assert.rejects(second, (e: unknown) => e instanceof ResponseError && e.code === REQUEST_CANCELLED);
    assert.match(JSON.stringify((await first)?.contents), /opt out/);

    // Requests sent while an analysis hogs the thread queue up and are all answered, in order.
    const v4 = server.change(uri, [{ range: rangeOf(0, 0, 9999, 0), text: `${slow}\n\n` }]);
    const answers = await Promise.all(Array.from({ length: 5 }, () => hoverAt(uri, slow, 'opt-out of', 3)));
    for (const h of answers) assert.match(JSON.stringify(h?.contents), /opt out/);
    const diags = await server.diagnosticsForVersion(uri, v4);
    assert.ok(diags.some((d) => d.code === 'missing-label'));
    const versions = server.published.filter((d) => d.uri === uri && d.version !== undefined).map((d) => d.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'no older version published after a newer one');
    assert.equal(server.proc.exitCode, null, 'still running');
  });

  it('versions out of order, a reused version number, superseded diagnostics and unknown or closed documents get sensible answers', async () => {
    await start();
    const { uri, text } = server.open('guidance.md');
    const original = shape(await server.diagnosticsForVersion(uri, 1));
    const full = (version: number, t: string) => server.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: t }] });

    // Version 3 arrives before version 2: the server holds what it was sent last, at that version.
    const labelled = text.replace('Jurisdictions should review', '[Optional] Jurisdictions should review');
    const unlabelledTwice = `${text}\nStates must file a plan.\n`;
    full(3, unlabelledTwice);
    full(2, labelled);
    const atTwo = await server.diagnosticsForVersion(uri, 2);
    assert.equal(atTwo.filter((d) => d.code === 'missing-label').length, 1, shape(atTwo).join('\n'));
    assert.match(JSON.stringify(await hoverAt(uri, labelled, '[Optional] Jurisdictions should', 2)), /Optional/);

    // The same version number again with other text (a misbehaving client): still analysed.
    full(4, text);
    assert.deepEqual(shape(await server.diagnosticsForVersion(uri, 4)), original);
    const published = server.published.length;
    full(4, unlabelledTwice);
    const reused = await server.waitForDiagnostics(uri, (p) => server.published.indexOf(p) >= published && p.version === 4);
    assert.equal(reused.diagnostics.filter((d) => d.code === 'missing-label').length, 3, shape(reused.diagnostics).join('\n'));

    // A code action asked with a diagnostic of an older version: the fix lands where the clause is now.
    const lastLine = unlabelledTwice.split('\n').length - 2;
    const stale = reused.diagnostics.find((d) => d.code === 'missing-label' && d.range.start.line === lastLine);
    assert.ok(stale, shape(reused.diagnostics).join('\n'));
    const moved = `<!-- two lines -->\n\n${unlabelledTwice}`;
    server.notify('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: moved }] });
    const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: stale.range, context: { diagnostics: [stale] } });
    const fix = actions.find((a) => a.title === 'Label as [Mandatory]');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal((fix.edit!.documentChanges![0] as { textDocument: { version: number } }).textDocument.version, 5);
    const fixedLines = applyWorkspaceEdit(moved, uri, fix.edit!).split('\n');
    assert.equal(fixedLines[stale.range.start.line + 2].slice(0, 12), '[Mandatory] ', 'two lines further down, where the clause now is');

    // Documents the server does not hold: empty answers, no errors, nothing published.
    const unknown = 'untitled:Untitled-9';
    const position = { line: 0, character: 0 };
    assert.equal(await server.request('textDocument/hover', { textDocument: { uri: unknown }, position }), null);
    assert.deepEqual(await server.request('textDocument/codeAction', { textDocument: { uri: unknown }, range: rangeOf(0, 0, 0, 0), context: { diagnostics: [] } }), []);
    assert.deepEqual(await server.request('textDocument/documentSymbol', { textDocument: { uri: unknown } }), []);
    assert.deepEqual(await server.request('textDocument/completion', { textDocument: { uri: unknown }, position }), []);
    server.notify('textDocument/didChange', { textDocument: { uri: unknown, version: 2 }, contentChanges: [{ text: 'States must comply.' }] });
    server.notify('textDocument/didClose', { textDocument: { uri: unknown } });
    // A position past the end of the document.
    assert.equal(await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 9999, character: 50 } }), null);

    // A closed file is answered from its text on disk.
    server.close(uri);
    await server.waitForDiagnostics(uri, (p) => p.version === undefined);
    assert.match(JSON.stringify(await hoverAt(uri, text, 'opt-out of', 3)), /opt out/);
    const stats = await server.request<{ documents: { open: number } }>('policyLint/stats', null);
    assert.equal(stats.documents.open, 0);
    assert.ok(!server.published.some((p) => p.uri === unknown), 'nothing published for a document never opened');
    assert.deepEqual(server.logs.filter((l) => l.type === 1), [], 'no errors logged');
    assert.equal(server.stderr, '');
  });

  it('a burst of 200 edits publishes versions in order only, the last one for the final text', async () => {
    await start();
    // A blank line at the end, so the sentence typed there is a paragraph of its own.
    const { uri, text } = server.open('guidance.md', `${fs.readFileSync(server.file('guidance.md'), 'utf8')}\n`);
    await server.diagnosticsForVersion(uri, 1);
    const from = server.published.length;
    // Typing a sentence (and deleting it again, twice over) at the end of the document.
    const sentence = 'Counties must publish quarterly results. ';
    const end = text.split('\n').length - 1;
    let current = text;
    let col = 0;
    let version = 1;
    for (let i = 0; i < 200; i++) {
      const typing = Math.floor(i / sentence.length) % 2 === 0;
      if (typing) {
        const ch = sentence[i % sentence.length];
        version = server.change(uri, [{ range: rangeOf(end, col, end, col), text: ch }]);
        current += ch;
        col++;
      } else {
        version = server.change(uri, [{ range: rangeOf(end, col - 1, end, col), text: '' }]);
        current = current.slice(0, -1);
        col--;
      }
    }
    assert.equal(version, 201);
    const final = await server.diagnosticsForVersion(uri, 201, 15_000);
    const mine: PublishDiagnosticsParams[] = server.published.slice(from).filter((p) => p.uri === uri);
    const versions = mine.map((p) => p.version!);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i] >= versions[i - 1], `published versions go forward only: ${versions.join(', ')}`);
    assert.equal(versions[versions.length - 1], 201);

    // The same text analysed afresh (closed and reopened) gives the same diagnostics.
    server.close(uri);
    await server.waitForDiagnostics(uri, (p) => p.version === undefined);
    server.open('guidance.md', current);
    assert.deepEqual(shape(await server.diagnosticsForVersion(uri, 1)), shape(final));
    assert.ok(final.some((d) => d.code === 'missing-label' && d.range.start.line === end), 'the typed sentence is flagged');
  });
});
