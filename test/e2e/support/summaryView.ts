/**
 * The Participation Summary view (Explorer) and the Participation Matrix webview as a user
 * sees them, for the Playwright driver. Every wait polls the DOM with a timeout.
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';

const UI_TIMEOUT = 30_000;

export interface TreeRow {
  /** The accessible label: "label, description". */
  label: string;
  text: string;
  level: number;
  expanded?: boolean;
}

export class SummaryViewDriver {
  constructor(
    readonly page: Page,
    private readonly title = 'Participation Summary',
  ) {}

  /** The view's pane in the Explorer. */
  pane(): Locator {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: this.title }) }).first();
  }

  async isExpanded(): Promise<boolean> {
    return (await this.pane().locator('.pane-header').getAttribute('aria-expanded')) === 'true';
  }

  /** Expands the pane if it is collapsed, and waits until it is. */
  async expand(timeout = UI_TIMEOUT): Promise<void> {
    await this.pane().waitFor({ timeout });
    const deadline = Date.now() + timeout;
    while (!(await this.isExpanded())) {
      if (Date.now() > deadline) throw new Error(`The ${this.title} view did not expand`);
      await this.pane().locator('.pane-header').click();
      await this.pane().locator('.pane-header[aria-expanded="true"]').waitFor({ timeout: 2000 }).catch(() => undefined);
    }
  }

  async rows(): Promise<TreeRow[]> {
    return this.pane()
      .locator('.monaco-list-row')
      .evaluateAll((rows) =>
        rows
          .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
          .map((r) => ({
            label: r.getAttribute('aria-label') ?? '',
            text: ((r as unknown as { innerText: string }).innerText ?? '').replace(/\s+/g, ' ').trim(),
            level: Number(r.getAttribute('aria-level') ?? 0),
            expanded: r.hasAttribute('aria-expanded') ? r.getAttribute('aria-expanded') === 'true' : undefined,
          })),
      );
  }

  /** The view's message (shown instead of rows: loading, server stopped, nothing found). */
  async message(): Promise<string> {
    const m = this.pane().locator('.message');
    return (await m.count()) ? (await m.first().innerText()).trim() : '';
  }

  /** Polls until `check` accepts the rows, and returns them. */
  async waitForRows(check: (rows: TreeRow[]) => boolean, what: string, timeout = UI_TIMEOUT): Promise<TreeRow[]> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const rows = await this.rows();
      if (check(rows)) return rows;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; the view shows ${JSON.stringify(rows)} (message: ${JSON.stringify(await this.message())})`);
      await this.page.waitForTimeout(100);
    }
  }

  /** The row whose accessible label starts with `label`. */
  row(label: string): Locator {
    return this.pane().locator(`.monaco-list-row[aria-label^="${label.replace(/"/g, '\\"')}"]`).first();
  }

  async click(label: string): Promise<void> {
    const row = this.row(label);
    await row.waitFor({ timeout: UI_TIMEOUT });
    await row.click();
  }
}

/** The matrix webview's document (VS Code nests the extension's page in two iframes). */
export function matrixFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready').last().contentFrame().locator('iframe#active-frame').contentFrame();
}
