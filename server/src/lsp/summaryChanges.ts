import type { Project } from '../engine';
import { errorText, type Logger } from './log';
import { SUMMARY_CHANGED_NOTIFICATION } from './protocol';
import { sameSummary, summarySignature, type SummarySignature } from './summarySignature';

/** Quiet time after the last publish before the summary is compared (the client then asks for it again). */
export const SUMMARY_CHANGE_DEBOUNCE_MS = 200;

export interface SummaryChangesOptions {
  project: Project;
  notify: (method: string) => void;
  /** Resolves once every queued diagnostics publish is done. */
  idle: () => Promise<void>;
  log: Logger;
  debounceMs?: number;
}

/**
 * Tells the client when the participation summary changed, so a live view can ask for it
 * again instead of polling. Every diagnostics publish (an edit analysed, files indexed,
 * added or removed, the configuration reloaded) may have changed it: after a quiet time and
 * once publishing is done, the summary is compared with the last one the client could have
 * seen, and `policyLint/summaryChanged` is sent only if it differs. Typing that moves no
 * statement sends nothing. Nothing is computed until the client first asks for the summary.
 */
export class SummaryChanges {
  private watching = false;
  private last: SummarySignature | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly o: SummaryChangesOptions) {}

  /**
   * The client asked for the summary, so it wants to hear of changes from now on. The first
   * answer is the baseline; after that the client always holds at least the summary of the
   * last notification (it asks again on each), so later requests need no comparison.
   */
  requested(): void {
    if (this.watching) return;
    this.watching = true;
    this.last = this.signature();
  }

  /** Diagnostics were published: the summary may have changed. */
  published(): void {
    if (!this.watching || this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.compareNow();
    }, this.o.debounceMs ?? SUMMARY_CHANGE_DEBOUNCE_MS);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Compares the summary with the last one (once publishing is done); notifies and returns true if it changed. */
  async compareNow(): Promise<boolean> {
    await this.o.idle();
    // A publish during the wait restarted the timer: that later comparison will do.
    if (this.disposed || this.timer || !this.watching) return false;
    const now = this.signature();
    if (now === undefined || (this.last && sameSummary(now, this.last))) return false;
    this.last = now;
    this.o.notify(SUMMARY_CHANGED_NOTIFICATION);
    return true;
  }

  private signature(): SummarySignature | undefined {
    try {
      return summarySignature(this.o.project);
    } catch (e) {
      this.o.log.once('error', `summary-signature:${(e as Error)?.message}`, `Could not compute the participation summary to tell the editor of changes: ${errorText(e)}`);
      return undefined;
    }
  }
}
