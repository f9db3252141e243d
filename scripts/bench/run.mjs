/**
 * `npm run bench`: Policy Lint's CLI against the tools people would use instead (textlint
 * with a terminology rule, markdownlint-cli2) and against the floor (read every file, run
 * one regex), on the same generated corpus; then the language server's own numbers from
 * scripts/measure-server.ts. Prints one table (and the server's right after) on stdout;
 * progress goes to stderr. Builds dist/ and the corpus first when they are missing.
 *
 * Environment: BENCH_QUICK=1 (smaller corpus, fewer runs), BENCH_RUNS=N (runs per tool),
 * BENCH_SERVER=0 (skip the language server), BENCH_SERVER_ARGS="--edits 50" (passed on).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuild, snapshotCli } from './build.mjs';
import { CORPUS_SIZES, REPO_ROOT, corpusPaths, ensureCorpus } from './corpus.mjs';
import { describeMachine, loadAverage, machineInfo, revision } from './machine.mjs';
import { median, runOnce, tail } from './measure.mjs';
import { measureServer } from './server.mjs';
import { evaluateTargets } from './targets.mjs';
import { fixed, markdownTable, thousands } from './table.mjs';
import { defineTools } from './tools.mjs';

const log = (line) => process.stderr.write(`${line}\n`);
const quick = process.env.BENCH_QUICK === '1';
const size = quick ? CORPUS_SIZES.quick : CORPUS_SIZES.full;
const runsOverride = Number(process.env.BENCH_RUNS) || undefined;
const RESULTS_DIR = path.join(REPO_ROOT, 'bench-data', 'results');

function jobs(paths, manifest, cli) {
  const tools = defineTools(REPO_ROOT, cli);
  const mb = (bytes) => bytes / 1e6;
  const partsUpTo = (n) => ({
    dirs: paths.parts.slice(0, n),
    files: manifest.parts.slice(0, n).reduce((a, p) => a + p.files, 0),
    mb: mb(manifest.parts.slice(0, n).reduce((a, p) => a + p.bytes, 0)),
  });
  const all = { dirs: [paths.root], files: manifest.files, mb: mb(manifest.bytes) };
  const fast = runsOverride ?? (quick ? 3 : 5);
  const slow = runsOverride ?? 3;
  return [
    { id: 'floor', tool: tools.floor, input: all, runs: fast },
    { id: 'startup', tool: tools.startup, input: { dirs: [], files: 0, mb: 0 }, runs: fast },
    { id: 'ours-quarter', tool: tools.ours, label: 'policy-lint, ¼ corpus', input: partsUpTo(1), runs: fast },
    { id: 'ours-half', tool: tools.ours, label: 'policy-lint, ½ corpus', input: partsUpTo(2), runs: fast },
    { id: 'ours', tool: tools.ours, input: all, runs: fast },
    { id: 'ours-single', tool: tools.ours, label: `policy-lint, one ${thousands(manifest.single.lines)}-line document`, input: { dirs: [paths.single], files: 1, mb: mb(manifest.single.bytes) }, runs: fast },
    { id: 'textlint', tool: tools.textlint, input: all, runs: slow },
    { id: 'markdownlint', tool: tools.markdownlint, input: all, runs: slow },
  ];
}

/** Runs every job its number of times, round-robin, so a change in machine load hits all tools alike. */
async function measureAll(list) {
  const results = new Map(list.map((j) => [j.id, { wall: [], cpu: [], rss: [], error: undefined, last: undefined }]));
  for (const job of list) {
    if (!fs.existsSync(job.tool.script)) results.get(job.id).error = `${path.relative(REPO_ROOT, job.tool.script)} not found (npm install?)`;
  }
  const rounds = Math.max(...list.map((j) => j.runs));
  for (let round = 0; round < rounds; round++) {
    for (const job of list) {
      const r = results.get(job.id);
      if (round >= job.runs || r.error) continue;
      log(`  run ${round + 1}/${job.runs}: ${job.label ?? job.tool.label}`);
      const run = await runOnce({ script: job.tool.script, args: job.tool.args(job.input.dirs), cwd: REPO_ROOT, outDir: RESULTS_DIR, name: job.id });
      if (!job.tool.okCodes.includes(run.code)) {
        r.error = `exit ${run.code ?? run.signal}: ${tail(run.stderrFile, 4) || tail(run.stdoutFile, 4)}`;
        continue;
      }
      r.wall.push(run.wallSeconds);
      r.cpu.push(run.cpuSeconds);
      r.rss.push(run.maxRssMb);
      r.last = run;
    }
  }
  return list.map((job) => {
    const r = results.get(job.id);
    let findings = NaN;
    if (!r.error) {
      try {
        findings = job.tool.findings(r.last.stdoutFile);
      } catch (e) {
        r.error = `could not read its output: ${e.message}`;
      }
    }
    return { ...job, label: job.label ?? job.tool.label, error: r.error, wall: median(r.wall), cpu: median(r.cpu), rss: Math.max(...r.rss), findings, samples: r.wall.length };
  });
}

function toolTable(rows) {
  const ours = rows.find((r) => r.id === 'ours');
  const floor = rows.find((r) => r.id === 'floor');
  const perMb = (r) => r.wall / r.input.mb;
  const header = ['tool', 'files', 'MB', 's (median)', 'CPU s', 'MB/s', 'ms/MB', 'ms/file', '× ours', '× floor', 'peak RSS MiB', 'findings'];
  const body = rows.map((r) =>
    r.error
      ? [r.label, thousands(r.input.files), fixed(r.input.mb, 1), `failed: ${r.error.split('\n')[0].slice(0, 60)}`, '', '', '', '', '', '', '', '']
      : [
          r.label,
          r.input.files ? thousands(r.input.files) : '—',
          r.input.mb ? fixed(r.input.mb, 1) : '—',
          fixed(r.wall, 3),
          fixed(r.cpu, 3),
          r.input.mb ? fixed(r.input.mb / r.wall, 1) : '—',
          fixed(perMb(r) * 1000, 1),
          fixed((r.wall / r.input.files) * 1000, 3),
          fixed(perMb(r) / perMb(ours), 2),
          fixed(perMb(r) / perMb(floor), 1),
          fixed(r.rss, 0),
          thousands(r.findings) + (r.tool.findingsNote ? ` ${r.tool.findingsNote}` : ''),
        ],
  );
  return markdownTable(header, body, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']);
}

async function main() {
  const started = Date.now();
  const machine = machineInfo();
  const loadBefore = loadAverage();
  ensureBuild(REPO_ROOT, log);
  const bundle = snapshotCli(REPO_ROOT);
  const manifest = ensureCorpus(size, log);
  const paths = corpusPaths(size);
  log(`Corpus ${path.relative(REPO_ROOT, paths.root)}: ${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB.`);
  const rows = await measureAll(jobs(paths, manifest, bundle.cli));
  const loadAfter = loadAverage();

  let server = { status: 'skipped' };
  if (process.env.BENCH_SERVER !== '0') {
    // 60 edits keep the run within minutes while the server takes about a second per edit of the 10,000-line document.
    // The benchmark corpus is indexed too: 2,000 documents of real text, besides measure-server's generated ones.
    const extra = process.env.BENCH_SERVER_ARGS?.split(/\s+/).filter(Boolean) ?? ['--edits', quick ? '20' : '60', '--documents', String(size.files), '--corpus', paths.root];
    server = await measureServer(REPO_ROOT, extra, log);
  }

  const out = [];
  out.push(`Policy Lint benchmark${quick ? ' (BENCH_QUICK)' : ''} of ${revision(REPO_ROOT)}: ${describeMachine(machine)}`);
  out.push(`Measured ${bundle.description}. Corpus: ${path.relative(REPO_ROOT, paths.root)}, ${thousands(manifest.files)} files, ${fixed(manifest.bytes / 1e6, 1)} MB; medians of ${rows[0].runs} runs (${rows.find((r) => r.id === 'textlint').runs} for textlint and markdownlint-cli2); load average ${fixed(loadBefore, 2)} before, ${fixed(loadAfter, 2)} after.`);
  if (Math.max(loadBefore, loadAfter) > machine.cpus * 0.75) out.push(`Warning: the machine was busy (load average above ${machine.cpus * 0.75} on ${machine.cpus} CPUs): wall times are inflated; compare the CPU column.`);
  out.push('');
  out.push(toolTable(rows));
  out.push('');
  if (server.status === 'ok') {
    out.push(`Language server (scripts/measure-server.ts, ${fixed(server.seconds, 0)} s): ${server.heading}`);
    out.push('');
    out.push(markdownTable(['measurement', 'value'], server.rows, ['l', 'r']));
    out.push('');
  } else if (server.status === 'failed') {
    out.push(`Language server: measure-server failed: ${server.message}`);
    out.push('');
  } else if (server.status === 'absent') {
    out.push('Language server: scripts/measure-server.ts not found; no server numbers.');
    out.push('');
  }
  out.push(...evaluateTargets(rows, server));
  out.push('');
  out.push(`Benchmark took ${fixed((Date.now() - started) / 1000, 0)} s. Outputs of the last run of each tool: ${path.relative(REPO_ROOT, RESULTS_DIR)}/.`);
  const text = out.join('\n');
  process.stdout.write(`${text}\n`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, quick ? 'latest-quick.md' : 'latest.md'), `${text}\n`);
  fs.writeFileSync(
    path.join(RESULTS_DIR, quick ? 'latest-quick.json' : 'latest.json'),
    `${JSON.stringify({ machine, loadBefore, loadAfter, manifest, rows: rows.map(({ tool, ...r }) => r), server }, null, 2)}\n`,
  );
  if (rows.some((r) => r.error)) process.exitCode = 1;
}

main().catch((e) => {
  log(`bench: ${e instanceof Error ? e.message : e}`);
  process.exit(2);
});
