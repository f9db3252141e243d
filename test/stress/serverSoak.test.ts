/**
 * The language server over a long editing session: 10,000 edits (SERVER_SOAK_EDITS) on a
 * 2,000-line policy document, each followed by its diagnostics, driving the built
 * dist/server.js over stdio as an editor does. Every SAMPLE_EVERY edits the server collects
 * garbage (a test-only preload, on SIGUSR2) and reports its heap through `policyLint/stats`.
 * The assertion is on the trend, not on time: after a warm-up quarter, the heap in the last
 * quarter stays within a tolerance of the heap in the second quarter. Finally the
 * diagnostics equal those of the same text analysed afresh.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { STATS_REQUEST, type StatsResult } from '../../server/src/lsp/protocol';
import { brief, copyFixture, removeDir, SERVER_JS, ServerHarness, vscodeLikeCapabilities } from '../protocol/harness';
import { SERVER_SOAK_GC_DONE } from './serverSoakPreload';

const EDITS = Number(process.env.SERVER_SOAK_EDITS ?? 10_000);
const LINES = 2_000;
const SAMPLE_EVERY = Math.max(1, Math.round(EDITS / 40));
/**
 * Allowed growth of the live heap from the second quarter to the last: a ratio and an
 * absolute margin for compiled code and caches settling. Tight enough to catch a leak of
 * about a kilobyte per edit (10 MB over the run), which a looser bound would hide.
 */
const TOLERANCE = { ratio: 1.05, mb: 2 };
/** SERVER_SOAK_SERVER_JS=<file>: soak another build of the server (e.g. one with a candidate fix). */
const SOAK_SERVER_JS = process.env.SERVER_SOAK_SERVER_JS ?? SERVER_JS;

/** Deterministic pseudo-random numbers (mulberry32), so a failure replays with the same seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CLAUSES = [
  'Jurisdictions must submit fingerprints to the FBI at booking.',
  '[Mandatory] Agencies shall report data quality issues every quarter.',
  '[Optional] Counties may opt out of status notifications.',
  'A jurisdiction may opt-out of the data quality review by writing to the program office.',
  'Participation in the data quality review is voluntary.',
  'States should review detainer requests monthly.',
  'Participation in fingerprint sharing is mandatory.',
  'The office confirms each optout in writing.',
];

/** A 2,000-line guidance document: sections of clauses, lists and blank lines. */
function bigDocument(): string {
  const lines = ['---', 'template: guidance', 'program: Secure Communities', '---', '# Secure Communities soak guidance', '', '## Intent', '', 'This guidance explains the program.', ''];
  for (let s = 0; lines.length < LINES; s++) {
    lines.push(s % 3 === 0 ? '## Mandatory aspects' : s % 3 === 1 ? '## Optional aspects' : `## Section ${s}`, '');
    for (let c = 0; c < 8; c++) lines.push(`${CLAUSES[(s + c) % CLAUSES.length].replace('.', ` (item ${s}.${c}).`)}`, '');
    lines.push('- Fingerprint sharing', '- Immigration status notifications', '');
  }
  return `${lines.slice(0, LINES).join('\n')}\n`;
}

const SNIPPETS = ['x', ' ', 'must ', 'may ', 'opt-out ', 'opt out ', '[Mandatory] ', '[Optional] ', 'voluntary', '\n', '\n\n'];

/**
 * A small edit at a random place after the front matter: typing a word, deleting a few
 * characters, adding or removing a clause. Insertions and deletions alternate with the
 * size, so the document stays at its starting size and memory can only grow by a leak.
 */
function randomEdit(doc: TextDocument, random: () => number, size: number): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } {
  const text = doc.getText();
  const grow = text.length < size;
  const r = random();
  const line = 10 + Math.floor(random() * (doc.lineCount - 12));
  if (r < 0.1) {
    if (grow) return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `${CLAUSES[Math.floor(random() * CLAUSES.length)]}\n\n` };
    return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' };
  }
  const from = doc.offsetAt({ line, character: 0 });
  const offset = from + Math.floor(random() * (text.length - from));
  const at = doc.positionAt(offset);
  if (grow) return { range: { start: at, end: at }, text: SNIPPETS[Math.floor(random() * SNIPPETS.length)] };
  const end = doc.positionAt(Math.min(text.length, offset + 1 + Math.floor(random() * 6)));
  return { range: { start: at, end }, text: '' };
}

/**
 * SERVER_SOAK_HEAPSNAPSHOTS=<folder>: the server writes a V8 heap snapshot there at each quarter of
 * the run (open them in Chrome DevTools, Memory, "Comparison"), to see what a growing heap holds.
 */
const SNAPSHOT_DIR = process.env.SERVER_SOAK_HEAPSNAPSHOTS;

async function startSoakServer(workspace: string): Promise<ServerHarness> {
  const preload = path.join(__dirname, 'serverSoakPreload.js');
  const snapshots = SNAPSHOT_DIR ? ['--heapsnapshot-signal=SIGUSR1'] : [];
  if (SNAPSHOT_DIR) fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
  const proc = spawn(process.execPath, ['--expose-gc', ...snapshots, '-r', preload, SOAK_SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: SNAPSHOT_DIR });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const server = new ServerHarness(proc, conn, workspace, { debounceMs: 0 });
  conn.listen();
  const root = URI.file(workspace).toString();
  server.initializeResult = await server.request('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: path.basename(workspace) }],
    capabilities: vscodeLikeCapabilities(),
  });
  server.notify('initialized', {});
  await server.waitForNotification('policyLint/indexed', () => true, 30_000);
  return server;
}

/** Collects garbage in the server, then reads its memory. */
async function liveMemory(server: ServerHarness): Promise<{ heapMb: number; rssMb: number }> {
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not collect garbage within 30 s')), 30_000);
    let seen = '';
    const onData = (d: Buffer) => {
      seen += String(d);
      if (!seen.includes(SERVER_SOAK_GC_DONE)) return;
      clearTimeout(timer);
      server.proc.stderr!.off('data', onData);
      resolve();
    };
    server.proc.stderr!.on('data', onData);
  });
  server.proc.kill('SIGUSR2');
  await done;
  server.stderr = server.stderr.split(`${SERVER_SOAK_GC_DONE}\n`).join('');
  const stats = await server.request<StatsResult>(STATS_REQUEST, null);
  return { heapMb: stats.memory.heapUsed / 1e6, rssMb: stats.memory.rss / 1e6 };
}

const shape = (ds: Diagnostic[]) => ds.map((d) => `${brief(d)} ${d.message}`);

describe('stress: language server soak', function () {
  this.timeout(30 * 60_000);
  let dir: string;
  let server: ServerHarness | undefined;

  after(async () => {
    await server?.stop();
    if (dir) removeDir(dir);
  });

  it(`${EDITS} edits on a ${LINES}-line document, each answered with its diagnostics: the server's live heap stays flat`, async () => {
    dir = copyFixture();
    fs.mkdirSync(path.join(dir, 'policies'), { recursive: true });
    server = await startSoakServer(dir);
    const uri = server.uri('policies/soak.md');
    let doc = TextDocument.create(uri, 'markdown', 1, bigDocument());
    const size = doc.getText().length;
    server.open('policies/soak.md', doc.getText());
    await server.diagnosticsForVersion(uri, 1, 30_000);

    const random = prng(Number(process.env.ROBUSTNESS_SEED ?? 20261124));
    const samples: Array<{ edit: number; heapMb: number; rssMb: number }> = [{ edit: 0, ...(await liveMemory(server)) }];
    const t0 = performance.now();
    for (let i = 1; i <= EDITS; i++) {
      const change = randomEdit(doc, random, size);
      doc = TextDocument.update(doc, [change], doc.version + 1);
      const version = server.change(uri, [change]);
      assert.equal(version, doc.version);
      await server.diagnosticsForVersion(uri, version, 30_000);
      // The client keeps nothing it does not need: the soak is about the server's memory.
      server.published.length = 0;
      server.notifications.length = 0;
      if (i % SAMPLE_EVERY === 0) samples.push({ edit: i, ...(await liveMemory(server)) });
      if (SNAPSHOT_DIR && i % Math.round(EDITS / 4) === 0) server.proc.kill('SIGUSR1');
    }
    const seconds = (performance.now() - t0) / 1000;

    const stats = await server.request<StatsResult>(STATS_REQUEST, null);
    console.log(`      server soak: ${EDITS} edits in ${seconds.toFixed(0)} s (${((seconds * 1000) / EDITS).toFixed(1)} ms per edit round trip), ${stats.work.upserts} analyses, ${stats.work.publishes} publishes, final document ${doc.lineCount} lines`);
    console.log(`      live heap (MB) every ${SAMPLE_EVERY} edits: ${samples.map((s) => s.heapMb.toFixed(1)).join(' ')}`);
    console.log(`      RSS (MB) every ${SAMPLE_EVERY} edits: ${samples.map((s) => s.rssMb.toFixed(0)).join(' ')}`);
    assert.equal(stats.ruleErrors, 0);

    // After a warm-up quarter: the last quarter against the second.
    const q = Math.max(1, Math.floor(samples.length / 4));
    const second = Math.max(...samples.slice(q, 2 * q).map((s) => s.heapMb));
    const last = Math.max(...samples.slice(-q).map((s) => s.heapMb));
    assert.ok(last <= second * TOLERANCE.ratio + TOLERANCE.mb, `live heap grew from ${second.toFixed(1)} MB (second quarter) to ${last.toFixed(1)} MB (last quarter)`);

    // The incrementally maintained result equals a fresh analysis of the final text.
    const final = shape(server.diagnostics.get(uri)!.diagnostics);
    assert.ok(final.length > 100, `the document is analysed: ${final.length} diagnostics`);
    server.close(uri);
    await server.waitForDiagnostics(uri, (p) => p.version === undefined, 30_000);
    server.open('policies/soak.md', doc.getText());
    assert.deepEqual(shape(await server.diagnosticsForVersion(uri, 1, 30_000)), final);
  });
});
