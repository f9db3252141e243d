import { errorText, type Logger } from './log';
import type { ProjectHost } from './projectHost';

const PUBLISH_BATCH = 25;
const BATCH_MS = 10;
/** Typing pause after which the closed documents affected by the edits are re-published. */
const QUIET_MS = 400;

/**
 * When analysis runs. An edit to an open document starts a quiet-time timer; a newer
 * edit cancels it and starts another, so only the text the author stopped at is
 * analysed. The documents an analysis affects (other files sharing a statement key or
 * a term) are re-published in small batches between which the event loop runs, so
 * requests and newer edits are served first; a document with a pending analysis of its
 * own is skipped (that analysis publishes it).
 */
export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly dirty = new Set<string>();
  private readonly whenQuiet = new Set<string>();
  private quietTimer: NodeJS.Timeout | undefined;
  /** Settles when the documents waiting for quiet have been queued for publishing. */
  private quietFlushed: Promise<void> | undefined;
  private flushQuiet: (() => void) | undefined;
  private draining: Promise<void> | undefined;
  private disposed = false;

  constructor(
    private readonly host: ProjectHost,
    /** Resolves once settings and configuration are loaded. */
    private readonly ready: Promise<void>,
    private readonly log: Logger,
  ) {}

  /** An open document changed: analyse it after `delayMs` of quiet. */
  schedule(uri: string, delayMs: number): void {
    if (this.disposed) return;
    this.cancel(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.ready.then(() => this.runNow(uri));
      }, delayMs),
    );
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  isPending(uri: string): boolean {
    return this.timers.has(uri);
  }

  /** Analyses an open document now if the project does not hold its current text (requests need it). */
  flush(uri: string): void {
    if (!this.host.isStale(uri)) return;
    this.cancel(uri);
    this.runNow(uri);
  }

  /** Re-publishes documents, in batches, after everything already queued. */
  enqueue(uris: Iterable<string>): void {
    for (const u of uris) this.dirty.add(u);
    if (!this.draining && this.dirty.size) this.draining = this.drain().finally(() => (this.draining = undefined));
  }

  /**
   * Re-publishes documents once no open document has been edited for QUIET_MS: the closed
   * documents an edit affects, which would otherwise be re-published on every keystroke
   * (in a large workspace, hundreds of them).
   */
  enqueueWhenQuiet(uris: Iterable<string>): void {
    for (const u of uris) this.whenQuiet.add(u);
    if (!this.whenQuiet.size || this.disposed) return;
    this.quietFlushed ??= new Promise<void>((r) => (this.flushQuiet = r));
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => {
      this.quietTimer = undefined;
      if (this.timers.size) return this.enqueueWhenQuiet([]); // still typing somewhere
      const uris = [...this.whenQuiet];
      this.whenQuiet.clear();
      this.enqueue(uris);
      this.settleQuiet();
    }, QUIET_MS);
  }

  /** Resolves when every queued document has been published, those waiting for quiet included. */
  async idle(): Promise<void> {
    while (this.draining || this.quietFlushed) {
      if (this.quietFlushed) await this.quietFlushed;
      if (this.draining) await this.draining;
    }
  }

  private settleQuiet(): void {
    this.flushQuiet?.();
    this.quietFlushed = undefined;
    this.flushQuiet = undefined;
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.dirty.clear();
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.whenQuiet.clear();
    this.settleQuiet();
  }

  private runNow(uri: string): void {
    if (this.disposed) return;
    const started = performance.now();
    try {
      const affected = this.host.syncOpen(uri);
      if (affected === undefined) return;
      this.host.publish(uri);
      // Open documents affected by the edit are re-published now; closed ones, and those whose
      // related locations only moved, when typing pauses: a keystroke must not cost as much
      // as the workspace is large.
      const moved = new Set(affected.moved);
      const now = new Set(affected.all.filter((u) => !moved.has(u) && this.host.openDocument(u)));
      this.enqueue(now);
      this.enqueueWhenQuiet(affected.all.filter((u) => !now.has(u)));
      this.log.debug(`Analysed ${uri} in ${(performance.now() - started).toFixed(1)} ms; ${affected.all.length} other document(s) affected`);
    } catch (e) {
      this.log.error(`Analysis of ${uri} failed: ${errorText(e)}`);
    }
  }

  private async drain(): Promise<void> {
    while (this.dirty.size && !this.disposed) {
      let n = 0;
      const started = performance.now();
      for (const uri of this.dirty) {
        this.dirty.delete(uri);
        if (this.isPending(uri)) continue;
        try {
          this.host.publish(uri);
        } catch (e) {
          this.log.error(`Publishing diagnostics for ${uri} failed: ${errorText(e)}`);
        }
        // Small batches, and short ones: an edit waiting behind them is served within a few ms.
        if (++n >= PUBLISH_BATCH || performance.now() - started > BATCH_MS) break;
      }
      await new Promise<void>((r) => setImmediate(r));
    }
  }
}
