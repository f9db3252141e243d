/** Child processes the editor tests start, and how they are stopped even when a test fails. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';

export interface Started {
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) when the process has exited. */
  exited: Promise<number | string>;
  log: string;
}

/**
 * Spawns in its own process group (so that stop() also ends its children, e.g. code-server's
 * extension host) with stdout and stderr appended to `log`.
 */
export function startLogged(command: string, args: string[], log: string, options: SpawnOptions = {}): Started {
  const out = fs.openSync(log, 'a');
  fs.writeSync(out, `$ ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (error) => resolve(`failed to start: ${error.message}`));
  });
  return { child, exited, log };
}

/** SIGTERM to the process group, SIGKILL after `graceMs`; resolves when the leader has exited. */
export async function stopGroup(started: Started | undefined, graceMs = 5000): Promise<void> {
  if (!started?.child.pid || started.child.exitCode !== null || started.child.signalCode !== null) return;
  const pid = started.child.pid;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
  await started.exited;
  clearTimeout(timer);
  // Children that outlived the leader.
  signalGroup('SIGKILL');
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
