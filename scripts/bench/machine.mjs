/** What the numbers were measured on: they mean little without it. */
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
