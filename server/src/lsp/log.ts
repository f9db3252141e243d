import type { RemoteConsole } from 'vscode-languageserver/node';

/**
 * The server's log, shown in the client's output channel. `once` keeps a repeated
 * problem (a bad setting pulled on every change, a rule that throws on every
 * keystroke) to one line per distinct message.
 */
export class Logger {
  private readonly seen = new Set<string>();
  verbose = false;

  constructor(private readonly console: RemoteConsole) {}

  info(message: string): void {
    this.console.info(message);
  }

  warn(message: string): void {
    this.console.warn(message);
  }

  error(message: string): void {
    this.console.error(message);
  }

  /** Only when `policyLint.trace.server` is "verbose". */
  debug(message: string): void {
    if (this.verbose) this.console.log(message);
  }

  once(level: 'info' | 'warn' | 'error', key: string, message: string): void {
    if (this.seen.has(key)) return;
    if (this.seen.size > 10_000) this.seen.clear();
    this.seen.add(key);
    this[level](message);
  }
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  return String(e);
}
