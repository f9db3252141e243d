/**
 * Profiles the CLI over the benchmark corpus (`node --cpu-prof`) and prints where the time
 * goes: top functions by self time, self time per source file, top functions by total time.
 *
 *   node scripts/bench/profile.mjs [--quick] [--single | --path FOLDER] [--top 20]
 *
 * --single profiles the one 10,000-line document instead of the 2,000 files; --path any
 * folder or file (e.g. the document scripts/measure-server.ts edits).
 * The profile is kept in bench-data/profile/ (open it in Chrome DevTools or VS Code).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureBuild, snapshotCli } from './build.mjs';
import { CORPUS_SIZES, REPO_ROOT, corpusPaths, ensureCorpus } from './corpus.mjs';
import { formatSummary, summarize } from './cpuprofile.mjs';

const log = (line) => process.stderr.write(`${line}\n`);
const argv = process.argv.slice(2);
const size = argv.includes('--quick') ? CORPUS_SIZES.quick : CORPUS_SIZES.full;
const single = argv.includes('--single');
const pathAt = argv.indexOf('--path');
const custom = pathAt >= 0 ? path.resolve(argv[pathAt + 1] ?? '.') : undefined;
const topAt = argv.indexOf('--top');
const top = topAt >= 0 ? Number(argv[topAt + 1]) || 20 : 20;

ensureBuild(REPO_ROOT, log);
const bundle = snapshotCli(REPO_ROOT);
const manifest = ensureCorpus(size, log);
const paths = corpusPaths(size);
const target = custom ?? (single ? paths.single : paths.root);
const dir = path.join(REPO_ROOT, 'bench-data', 'profile');
const name = `cli-${custom ? 'custom' : single ? 'single' : size.name}.cpuprofile`;
fs.mkdirSync(dir, { recursive: true });
fs.rmSync(path.join(dir, name), { force: true });
const out = fs.openSync('/dev/null', 'w');
log(`Profiling node dist/cli.js ${path.relative(REPO_ROOT, target)} --format json…`);
const started = Date.now();
const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', name, bundle.cli, path.relative(REPO_ROOT, target), '--format', 'json'], {
  cwd: REPO_ROOT,
  stdio: ['ignore', out, 'inherit'],
});
fs.closeSync(out);
if (r.status !== 0 && r.status !== 1) {
  log(`the CLI exited with ${r.status ?? r.signal}`);
  process.exit(2);
}
const input = custom ? path.relative(REPO_ROOT, custom) : single ? `one ${manifest.single.lines}-line document, ${(manifest.single.bytes / 1e6).toFixed(1)} MB` : `${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB`;
const text = `CPU profile of policy-lint (${bundle.description}) over ${input} (wall ${((Date.now() - started) / 1000).toFixed(1)} s with the profiler on); ${path.relative(REPO_ROOT, path.join(dir, name))}\n\n${formatSummary(summarize(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')), REPO_ROOT), top)}\n`;
fs.writeFileSync(path.join(dir, name.replace(/\.cpuprofile$/, '.md')), text);
process.stdout.write(text);
