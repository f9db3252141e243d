/** What the numbers were measured on: they mean little without it. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';

function cpuModel() {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1].trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return os.cpus()[0]?.model ?? 'unknown CPU';
}

export function machineInfo() {
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: cpuModel(),
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

export function loadAverage() {
  return os.loadavg()[0];
}

export function describeMachine(m) {
  return `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB.toFixed(0)} GiB, Node ${m.node}, ${m.platform}`;
}

/** The commit measured, marked when the working tree has uncommitted changes to the sources. */
export function revision(root) {
  const git = (...args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'unknown revision';
  const dirty = git('status', '--porcelain', '--', 'server/src', 'scripts/build.mjs', 'package.json').stdout.trim();
  return `${head.stdout.trim()}${dirty ? ' + uncommitted changes' : ''}`;
}
