/**
 * Runs one benchmarked command as a child process and reports its wall time (measured
 * here), its CPU time and peak RSS (reported by the child itself through
 * rusage-preload.cjs), and its exit code. Output goes to files, not a pipe, so the
 * parent never slows the child down by reading.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rusage-preload.cjs');

/**
 * @param {{ script: string, args: string[], cwd: string, outDir: string, name: string }} job
 *   `script` is a Node entry point, run as `node --require rusage-preload.cjs script ...args`.
 */
export async function runOnce(job) {
  fs.mkdirSync(job.outDir, { recursive: true });
  const stdoutFile = path.join(job.outDir, `${job.name}.stdout`);
  const stderrFile = path.join(job.outDir, `${job.name}.stderr`);
  const rusageFile = path.join(job.outDir, `${job.name}.rusage.json`);
  fs.rmSync(rusageFile, { force: true });
  const out = fs.openSync(stdoutFile, 'w');
  const err = fs.openSync(stderrFile, 'w');
  const started = process.hrtime.bigint();
  let code;
  let signal;
  try {
    [code, signal] = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--require', PRELOAD, job.script, ...job.args], {
        cwd: job.cwd,
        stdio: ['ignore', out, err],
        env: { ...process.env, BENCH_RUSAGE_FILE: rusageFile, NO_COLOR: '1', FORCE_COLOR: '0' },
      });
      child.once('error', reject);
      child.once('exit', (c, s) => resolve([c, s]));
    });
  } finally {
    fs.closeSync(out);
    fs.closeSync(err);
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  let usage;
  try {
    usage = JSON.parse(fs.readFileSync(rusageFile, 'utf8'));
  } catch {
    usage = undefined;
  }
  return {
    code,
    signal,
    wallSeconds,
    cpuSeconds: usage ? (usage.userMicros + usage.systemMicros) / 1e6 : NaN,
    maxRssMb: usage ? usage.maxRssKb / 1024 : NaN,
    stdoutFile,
    stderrFile,
  };
}

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** The last lines of a file, for error messages naming what a failed tool said. */
export function tail(file, lines = 8) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
