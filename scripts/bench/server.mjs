/**
 * The language server's numbers come from scripts/measure-server.ts (owned by the server's
 * engineers): it is compiled if needed, run as a child process, and its table parsed so
 * the benchmark can print its rows and check them against the targets.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const TIMEOUT_MS = 15 * 60 * 1000;

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** Compiles the project with tsc when the compiled measure-server.js is missing or older than its source. */
function ensureCompiled(root, source, compiled, log) {
  if (mtime(compiled) >= mtime(source)) return;
  log('Compiling scripts/measure-server.ts (tsc -p .)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: root, encoding: 'utf8' });
  // tsc still emits when other files have type errors; only a missing output is fatal here.
  if (mtime(compiled) < mtime(source)) throw new Error(`tsc -p . did not produce ${path.relative(root, compiled)}:\n${(r.stdout + r.stderr).trim().split('\n').slice(0, 10).join('\n')}`);
  if (r.status !== 0) log(`warning: tsc -p . reported errors (in files other than measure-server, since it compiled):\n${r.stdout.trim().split('\n').slice(0, 5).join('\n')}`);
}

/** Rows of the first Markdown table in `text`, without its header and rule. */
export function parseTableRows(text) {
  const rows = [];
  let seenRule = false;
  for (const line of text.split('\n')) {
    const m = /^\|(.*)\|\s*$/.exec(line.trim());
    if (!m) {
      if (seenRule) break;
      continue;
    }
    const cells = m[1].split('|').map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) {
      seenRule = true;
      continue;
    }
    if (seenRule) rows.push(cells);
  }
  return rows;
}

/** A number in a value like "12.3 ms" or "145 MB" (undefined when it has none). */
export function valueOf(cell) {
  const m = /(-?[\d,]*\.?\d+)/.exec(cell ?? '');
  return m ? Number(m[1].replace(/,/g, '')) : undefined;
}

/**
 * @returns {Promise<{ status: 'absent' } | { status: 'failed', message: string } | { status: 'ok', heading: string, rows: string[][], seconds: number }>}
 */
export async function measureServer(root, args, log) {
  const source = path.join(root, 'scripts/measure-server.ts');
  const compiled = path.join(root, 'out/scripts/measure-server.js');
  if (!fs.existsSync(source)) return { status: 'absent' };
  try {
    ensureCompiled(root, source, compiled, log);
  } catch (e) {
    return { status: 'failed', message: e.message };
  }
  log(`Running measure-server ${args.join(' ')}…`);
  const started = Date.now();
  const { code, stdout, stderr } = await new Promise((resolve) => {
    const child = spawn(process.execPath, [compiled, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.once('exit', (c, s) => {
      clearTimeout(timer);
      resolve({ code: c ?? `signal ${s}`, stdout: out, stderr: err });
    });
  });
  const rows = parseTableRows(stdout);
  if (code !== 0 || !rows.length) {
    return { status: 'failed', message: `exit ${code}${rows.length ? '' : ', no table in its output'}: ${(stderr || stdout).trim().split('\n').slice(-6).join('\n')}` };
  }
  const heading = stdout.split('\n').find((l) => l.trim() && !l.trim().startsWith('|')) ?? '';
  return { status: 'ok', heading: heading.trim(), rows, seconds: (Date.now() - started) / 1000 };
}
