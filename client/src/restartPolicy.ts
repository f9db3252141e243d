/**
 * When a dead language server is restarted: at most `max` times within `windowMs`, so a
 * server that crashes on start-up is not restarted forever. Pure, for unit tests.
 */
export class RestartPolicy {
  private restarts: number[] = [];

  constructor(
    readonly max = 5,
    readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; returns whether to restart, and how many restarts the window now holds. */
  onCrash(): { restart: boolean; count: number } {
    const t = this.now();
    this.restarts = this.restarts.filter((r) => t - r < this.windowMs);
    if (this.restarts.length >= this.max) return { restart: false, count: this.restarts.length };
    this.restarts.push(t);
    return { restart: true, count: this.restarts.length };
  }

  reset(): void {
    this.restarts = [];
  }
}
