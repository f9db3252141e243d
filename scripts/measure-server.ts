/**
 * Measures the language server as an editor uses it, over stdio:
 * 1. a 10,000-line policy document: time from didOpen to its first diagnostics, then
 *    N one-character edits, each timed from didChange to the publishDiagnostics for
 *    that version (debounce set to 0 so the timing is the analysis, not the wait);
 * 2. indexing: time from `initialized` to the progress `end` and to `policyLint/indexed`
 *    for /work/shared/corpus (or the folder given) and for a generated 2,000-document
 *    workspace; then the same edits of the long document inside that workspace (a
 *    keystroke must cost the same whatever the size of the workspace);
 * 3. the server's memory (`policyLint/stats`) after each.
 * Prints one table. Run `npm run build && npx tsc -p .` first, then
 * `npm run measure:server [-- --edits 200 --corpus /work/shared/corpus --profile /tmp/prof]`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';
import { SERVER_NODE_FLAGS } from '../server/src/node/serverFlags';
import { INDEXED_NOTIFICATION, STATS_REQUEST, type IndexedParams, type StatsResult } from '../server/src/lsp/protocol';

const SERVER_JS = path.resolve(__dirname, '..', '..', 'dist', 'server.js');

interface Args {
  edits: number;
  lines: number;
  corpus: string;
  documents: number;
  /** Folder for V8 CPU profiles of the server processes (`--cpu-prof`), to see where the time goes. */
  profile: string;
  /** Which measurements: `all`, `edit` (the long document alone), `index` (both workspaces), `workspace` (generated workspace, then editing in it). */
  only: string;
  /** Node flags for the server process after the ones VS Code starts it with (`SERVER_NODE_FLAGS`), to try V8 options (`--node-args "--max-semi-space-size=2"`). */
  'node-args': string;
  /** A heap snapshot of the server after each step goes to this folder (`--heapsnapshot-signal`). */
  heap: string;
  /** Seconds to wait after indexing before asking for memory again: what the server holds once idle (0: do not ask). */
  settle: number;
}

const STRING_ARGS = new Set(['corpus', 'profile', 'only', 'node-args', 'heap']);
const ONLY = new Set(['all', 'edit', 'index', 'workspace']);

function parseArgs(argv: string[]): Args {
  const args: Args = { edits: 200, lines: 10_000, corpus: '/work/shared/corpus', documents: 2000, profile: '', only: 'all', 'node-args': '', heap: '', settle: 5 };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '') as keyof Args;
    const value = argv[i + 1];
    if (!(key in args) || value === undefined) {
      throw new Error(`Unknown or incomplete option ${argv[i]}. Options: --edits N --lines N --documents N --corpus DIR --profile DIR --only all|edit|index|workspace --node-args "FLAGS" --heap DIR --settle SECONDS`);
    }
    (args as unknown as Record<string, unknown>)[key] = STRING_ARGS.has(key) ? value : Number(value);
    i++;
  }
  if (!ONLY.has(args.only)) throw new Error(`--only takes one of ${[...ONLY].join(', ')}, not ${args.only}`);
  return args;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same text. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = ['States', 'Local jurisdictions', 'Agencies', 'Grantees', 'Participating counties', 'Each agency', 'Law enforcement agencies', 'Recipients'];
const ACTIONS = ['submit', 'share', 'publish', 'review', 'retain', 'report', 'update', 'certify', 'audit', 'reconcile', 'archive', 'transmit'];
const OBJECTS = ['fingerprint records', 'booking data', 'an inventory of custom code', 'detainer requests', 'audit logs', 'data quality issues', 'staffing changes', 'incident reports', 'training records', 'release schedules', 'interoperability tests', 'privacy assessments'];
const WHEN = ['within 30 days', 'every quarter', 'at booking', 'before release', 'each fiscal year', 'when requested', 'after each audit', 'within 72 hours'];
const TERMS = ['opt out', 'opt out', 'opt out', 'opt-out', 'opt in', 'opt in', 'non-participating'];

/**
 * A policy document of about `lines` lines, written the way long guidance is: each aspect
 * (an action on an object) has one status throughout, stated with labels most of the
 * time, by modal verbs otherwise; a few clauses say "should" without a label, a few
 * labels contradict their wording, an aspect now and then is given the other status
 * elsewhere, and terms are sometimes spelled another way. Headings, lists under labelled
 * sections, tables with a Participation column, informative sections, code blocks and
 * suppression comments are mixed in.
 */
export function policyDocument(lines: number, seed: number, program = 'Secure Communities'): string {
  const r = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  const aspects = ACTIONS.flatMap((a, i) => OBJECTS.map((o, j) => ({ text: `${a} ${o}`, mandatory: (i * 7 + j * 3 + seed) % 3 !== 0 })));
  // A label at the start of a paragraph covers its later sentences too, so once one is labelled, all are.
  const clause = (forceLabel = false) => {
    const aspect = pick(aspects);
    const roll = r();
    // 1% contradict the aspect's status, 1% have a label that contradicts the modal, 8% say "should".
    const mandatory = roll < 0.01 ? !aspect.mandatory : aspect.mandatory;
    const modal = roll < 0.09 && roll >= 0.01 ? 'should' : mandatory ? pick(['must', 'shall', 'are required to']) : pick(['may', 'may elect to', 'can']);
    const labelled = modal !== 'should' && (forceLabel || r() < 0.7);
    const labelMandatory = roll >= 0.99 ? !mandatory : mandatory;
    const label = labelled ? (labelMandatory ? '[Mandatory] ' : '[Optional] ') : '';
    return `${label}${pick(SUBJECTS)} ${modal} ${aspect.text} ${pick(WHEN)}.`;
  };
  const out = ['---', `program: ${program}`, 'template: guidance', '---', `# ${program}: participation guidance`, '', '## Intent', '', `This guidance states which aspects of ${program} are mandatory and which are optional.`, ''];
  let section = 0;
  while (out.length < lines) {
    section++;
    const kind = r();
    if (kind < 0.1) {
      out.push(`## ${section}. Background`, '', `${program} began as a pilot in ${2000 + (section % 20)}. Early drafts said agencies should ${pick(aspects).text}, which is history, not a requirement.`, '');
    } else if (kind < 0.22) {
      const optional = aspects.filter((a) => !a.mandatory);
      out.push(`## ${section}. Optional aspects`, '');
      for (let i = 0; i < 4; i++) out.push(`- ${pick(optional).text.replace(/^\w/, (c) => c.toUpperCase())}`);
      out.push('');
    } else if (kind < 0.32) {
      out.push(`## ${section}. Participation by aspect`, '', '| Aspect | Participation | Notes |', '| --- | --- | --- |');
      for (let i = 0; i < 5; i++) {
        const a = pick(aspects);
        out.push(`| ${a.text.replace(/^\w/, (c) => c.toUpperCase())} | ${a.mandatory ? 'Mandatory' : 'Optional'} | See section ${1 + Math.floor(r() * section)} |`);
      }
      out.push('');
    } else if (kind < 0.4) {
      out.push(`## ${section}. Reporting (Mandatory)`, '', clause().replace(/^\[\w+\] /, ''), '', '```yaml', 'report: quarterly', 'states: must comply', '```', '');
    } else {
      out.push(`## ${section}. Requirements for ${pick(SUBJECTS).toLowerCase()}`, '');
      for (let p = 0; p < 3; p++) {
        const sentences = [clause()];
        const labelled = sentences[0].startsWith('[');
        if (r() < 0.5) sentences.push(clause(labelled));
        if (r() < 0.25) {
          const term = pick(TERMS);
          const object = pick(aspects.filter((a) => !a.mandatory)).text.split(' ').slice(1).join(' ');
          const sentence = term.startsWith('opt in') ? `A jurisdiction may ${term} to ${object} by writing to the program office.` : term === 'non-participating' ? `A non-participating jurisdiction keeps its ${object} on file.` : `A jurisdiction may ${term} of ${object} by writing to the program office.`;
          sentences.push(labelled ? `[Optional] ${sentence}` : sentence);
        }
        if (r() < 0.05) out.push(`<!-- policy-lint-disable-next-line missing-label -- quoted from the ${2000 + (section % 20)} agreement -->`);
        out.push(sentences.join(' '), '');
      }
    }
  }
  return out.slice(0, lines).join('\n') + '\n';
}

interface Client {
  proc: ChildProcess;
  conn: MessageConnection;
  /** Resolves on the next publishDiagnostics for `uri` at `version`. */
  diagnostics(uri: string, version: number): Promise<void>;
  progressEnd: Promise<number>;
  indexed: Promise<{ at: number; params: IndexedParams }>;
  initializedAt: number;
  stop(): Promise<void>;
}

let profileDir = '';
let nodeArgs: string[] = [];
let heapDir = '';
let settleSeconds = 0;

async function startClient(workspace: string): Promise<Client> {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const heap = heapDir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${heapDir}`] : [];
  const proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...profile, ...heap, ...nodeArgs, SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiting = new Map<string, () => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
    const key = `${p.uri}@${p.version}`;
    waiting.get(key)?.();
    waiting.delete(key);
  });
  let indexedResolve!: (v: { at: number; params: IndexedParams }) => void;
  const indexed = new Promise<{ at: number; params: IndexedParams }>((r) => (indexedResolve = r));
  conn.onNotification(INDEXED_NOTIFICATION, (params: IndexedParams) => indexedResolve({ at: performance.now(), params }));
  let progressResolve!: (at: number) => void;
  const progressEnd = new Promise<number>((r) => (progressResolve = r));
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onUnhandledProgress((p: { value: { kind: string } }) => {
    if (p.value.kind === 'end') progressResolve(performance.now());
  });
  conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map(() => ({ debounceMs: 0 })));
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  const folder = URI.file(workspace).toString();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder,
    workspaceFolders: [{ uri: folder, name: path.basename(workspace) }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
      window: { workDoneProgress: true },
    },
    initializationOptions: { policyLint: { debounceMs: 0 } },
  });
  const initializedAt = performance.now();
  await conn.sendNotification('initialized', {});
  return {
    proc,
    conn,
    initializedAt,
    progressEnd,
    indexed,
    diagnostics: (uri, version) => new Promise<void>((resolve) => waiting.set(`${uri}@${version}`, resolve)),
    async stop() {
      const exited = new Promise((r) => proc.once('exit', r));
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      await exited;
      conn.dispose();
    },
  };
}

/** With `--heap DIR`: the server writes a heap snapshot there (it blocks while writing, so the next request waits for it). */
async function heapSnapshot(client: Client): Promise<void> {
  if (!heapDir) return;
  client.proc.kill('SIGUSR2');
  await client.conn.sendRequest<StatsResult>(STATS_REQUEST);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * Opens the long document and edits it. With `workspace`, the document sits in that
 * (indexed) workspace: the same edits then show whether a keystroke's cost depends on the
 * size of the workspace (it must not).
 */
async function measureEditing(args: Args, rows: string[][], workspace?: { dir: string; label: string }): Promise<void> {
  const dir = workspace?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-measure-doc-'));
  const name = `${args.lines.toLocaleString('en')}-line document${workspace ? ` in ${workspace.label}` : ''}`;
  try {
    const text = policyDocument(args.lines, 1);
    const file = path.join(dir, 'large-guidance.md');
    fs.writeFileSync(file, text);
    const client = await startClient(dir);
    await client.indexed;
    const uri = URI.file(file).toString();
    const opened = performance.now();
    const first = client.diagnostics(uri, 1);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await first;
    rows.push([`${name}: didOpen → diagnostics`, ms(performance.now() - opened)]);

    // One-character edits spread over the document: insert a letter, then delete it again, so the text stays realistic.
    const lines = text.split('\n');
    const r = random(7);
    const times: number[] = [];
    let pending: { line: number; character: number } | undefined;
    for (let v = 2; v <= args.edits + 1; v++) {
      let change;
      if (pending) {
        change = { range: { start: pending, end: { line: pending.line, character: pending.character + 1 } }, text: '' };
        pending = undefined;
      } else {
        let line = Math.floor(r() * lines.length);
        while (!lines[line]?.trim()) line = (line + 1) % lines.length;
        pending = { line, character: Math.floor(r() * lines[line].length) };
        change = { range: { start: pending, end: pending }, text: 'x' };
      }
      const published = client.diagnostics(uri, v);
      const sent = performance.now();
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
      await published;
      times.push(performance.now() - sent);
    }
    times.sort((a, b) => a - b);
    rows.push([`${name}: edit → diagnostics p50 (N=${args.edits})`, ms(percentile(times, 50))]);
    rows.push([`${name}: edit → diagnostics p95`, ms(percentile(times, 95))]);
    rows.push([`${name}: edit → diagnostics max`, ms(times[times.length - 1])]);
    const stats = await client.conn.sendRequest<StatsResult>(STATS_REQUEST);
    rows.push([`${name}: server RSS after the edits`, `${mb(stats.memory.rss)} (heap ${mb(stats.memory.heapUsed)})`]);
    await heapSnapshot(client);
    await client.stop();
  } finally {
    if (workspace) fs.rmSync(path.join(dir, 'large-guidance.md'), { force: true });
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measureIndexing(label: string, workspace: string, rows: string[][]): Promise<void> {
  const client = await startClient(workspace);
  const { at, params } = await client.indexed;
  const progress = await Promise.race([client.progressEnd, Promise.resolve(undefined)]);
  const stats = await client.conn.sendRequest<StatsResult>(STATS_REQUEST);
  const name = `index ${label} (${params.documents} docs)`;
  rows.push([`${name}: initialized → progress end`, progress === undefined ? 'no progress bar' : ms(progress - client.initializedAt)]);
  rows.push([`${name}: initialized → policyLint/indexed, all published`, ms(at - client.initializedAt)]);
  rows.push([`${name}: server RSS (${stats.documents.withDiagnostics} docs with diagnostics)`, `${mb(stats.memory.rss)} (heap ${mb(stats.memory.heapUsed)})`]);
  if (settleSeconds) {
    await new Promise((r) => setTimeout(r, settleSeconds * 1000));
    const later = await client.conn.sendRequest<StatsResult>(STATS_REQUEST);
    rows.push([`${name}: server RSS ${settleSeconds} s later, idle`, `${mb(later.memory.rss)} (heap ${mb(later.memory.heapUsed)} of ${mb(later.memory.heapTotal)}, external ${mb(later.memory.external)})`]);
  }
  await heapSnapshot(client);
  await client.stop();
}

function generatedWorkspace(documents: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-measure-ws-'));
  const programs = ['Secure Communities', 'Source Code Reuse', 'Data Sharing Pilot', 'Grant Reporting'];
  for (let i = 0; i < documents; i++) {
    const folder = path.join(dir, `office-${i % 40}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `policy-${i}.md`), policyDocument(40 + (i % 5) * 20, 1000 + i, programs[i % programs.length]));
  }
  return dir;
}

function printTable(rows: string[][]): void {
  const w = Math.max(...rows.map((r) => r[0].length), 'measurement'.length);
  const v = Math.max(...rows.map((r) => r[1].length), 'value'.length);
  console.log(`| ${'measurement'.padEnd(w)} | ${'value'.padStart(v)} |`);
  console.log(`| ${'-'.repeat(w)} | ${'-'.repeat(v - 1)}: |`);
  for (const [k, val] of rows) console.log(`| ${k.padEnd(w)} | ${val.padStart(v)} |`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  profileDir = args.profile ? path.resolve(args.profile) : '';
  heapDir = args.heap ? path.resolve(args.heap) : '';
  args.corpus = path.resolve(args.corpus);
  settleSeconds = args.settle;
  nodeArgs = args['node-args'].split(/\s+/).filter(Boolean);
  if (!fs.existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} not found: run \`npm run build\` first.`);
  const rows: string[][] = [];
  const only = (what: string) => args.only === 'all' || args.only === what;
  if (only('edit')) await measureEditing(args, rows);
  if (only('index')) {
    if (fs.existsSync(args.corpus)) await measureIndexing(args.corpus, args.corpus, rows);
    else rows.push([`${args.corpus}`, 'not found, skipped']);
  }
  if (only('index') || only('workspace')) {
    const ws = generatedWorkspace(args.documents);
    try {
      await measureIndexing('generated workspace', ws, rows);
      if (only('workspace')) await measureEditing(args, rows, { dir: ws, label: `a ${args.documents.toLocaleString('en')}-document workspace` });
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  }
  console.log(`Policy Lint language server, Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}\n`);
  printTable(rows);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
