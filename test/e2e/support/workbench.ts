/**
 * The VS Code workbench as a user sees it, for the Playwright driver: open a file with Quick
 * Open, read lines and squiggles from the rendered editor, read the Problems panel, use the
 * light bulb, hover, completion, the status bar and notifications. Every wait polls the DOM
 * with a timeout; nothing sleeps for a fixed time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export type SquiggleKind = 'error' | 'warning' | 'info' | 'hint';

export interface Squiggle {
  kind: SquiggleKind;
  line: number;
}

export interface ProblemRow {
  /** The row's accessible label, which VS Code builds from severity, message, source/code and position. */
  label: string;
  /** The text the row shows. */
  text: string;
  /** A finding, or one of its related locations (shown under it). */
  kind: 'marker' | 'related';
}

export interface FileProblems {
  file: string;
  /** Folder shown beside the file name (relative path of its folder), may be empty. */
  folder: string;
  rows: ProblemRow[];
}

const UI_TIMEOUT = 30_000;

/** Rendered editor text uses non-breaking spaces; compare with ordinary ones. */
export function plain(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

export class Workbench {
  private shot = 0;

  constructor(
    readonly page: Page,
    private readonly screenshotDir: string,
  ) {
    fs.mkdirSync(screenshotDir, { recursive: true });
  }

  /** The workbench is up and the explorer lists the workspace. */
  async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 90_000 });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(this.screenshotDir, `${String(++this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Runs a command from the Command Palette by its title. */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: UI_TIMEOUT });
    } catch (error) {
      await this.page.keyboard.press('Escape');
      throw new Error(`No command "${title}" in the Command Palette`, { cause: error });
    }
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  }

  /** Opens a workspace file by its relative path with Quick Open (Ctrl+P), as a user does. */
  async openFile(relativePath: string): Promise<void> {
    const name = path.posix.basename(relativePath);
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(relativePath);
    // Enter could still pick a stale first row (the last editor) while results update; wait
    // until the focused row is the file asked for.
    const focused = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused', { hasText: name });
    await focused.waitFor({ timeout: UI_TIMEOUT });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    await this.page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).waitFor({ timeout: UI_TIMEOUT });
    await this.editor().locator('.view-lines .view-line').first().waitFor({ timeout: UI_TIMEOUT });
  }

  /** The active text editor. */
  editor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  async focusEditor(): Promise<void> {
    await this.editor().locator('.view-lines').click({ position: { x: 5, y: 5 } });
  }

  /** Moves the cursor to the start of a line (Ctrl+G). */
  async goToLine(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    // The cursor position the status bar shows confirms the move.
    await this.page
      .locator('.part.statusbar .statusbar-item', { hasText: new RegExp(`\\bLn ${line}, Col ${column}\\b`) })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
  }

  /**
   * The rendered lines of the active editor, by line number (only lines on screen: the fixture
   * documents fit). Line numbers come from the gutter, matched to text rows by their position.
   */
  async renderedLines(): Promise<Map<number, string>> {
    const rows = await this.editor().evaluate((editor) => {
      const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')]
        .map((e) => ({ line: Number(e.textContent?.trim()), top: Math.round(e.getBoundingClientRect().top) }))
        .filter((n) => n.line > 0)
        .sort((a, b) => a.top - b.top);
      const texts = [...editor.querySelectorAll('.view-lines .view-line')].map((e) => ({
        text: e.textContent ?? '',
        top: Math.round(e.getBoundingClientRect().top),
      }));
      // A wrapped line is several view lines, from its number's row down to the next number's.
      return numbers.map((n, i) => {
        const next = numbers[i + 1]?.top ?? Number.POSITIVE_INFINITY;
        const parts = texts.filter((t) => t.top >= n.top - 2 && t.top < next - 2).sort((a, b) => a.top - b.top);
        return [n.line, parts.map((p) => p.text).join('')] as [number, string];
      });
    });
    return new Map(rows.map(([line, text]) => [line, plain(text)]));
  }

  async lineText(line: number): Promise<string> {
    return (await this.renderedLines()).get(line) ?? '';
  }

  /** Waits until `line` reads `expected`, matches it, or starts with `expected.startsWith`. */
  async waitForLine(line: number, expected: string | RegExp | { startsWith: string }, timeout = UI_TIMEOUT): Promise<string> {
    const deadline = Date.now() + timeout;
    const accepts =
      typeof expected === 'string'
        ? (t: string) => t === expected
        : expected instanceof RegExp
          ? (t: string) => expected.test(t)
          : (t: string) => t.startsWith(expected.startsWith);
    const want = typeof expected === 'string' ? JSON.stringify(expected) : expected instanceof RegExp ? String(expected) : `text starting with ${JSON.stringify(expected.startsWith)}`;
    let last = '';
    for (;;) {
      last = await this.lineText(line);
      if (accepts(last)) return last;
      if (Date.now() > deadline) throw new Error(`line ${line} reads ${JSON.stringify(last)}; expected ${want}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Squiggles in the active editor, with the line each sits on. */
  async squiggles(): Promise<Squiggle[]> {
    return this.editor().evaluate((editor) => {
      const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].map((e) => ({
        line: Number(e.textContent?.trim()),
        top: e.getBoundingClientRect().top,
        bottom: e.getBoundingClientRect().bottom,
      }));
      const out: { kind: 'error' | 'warning' | 'info' | 'hint'; line: number }[] = [];
      for (const kind of ['error', 'warning', 'info', 'hint'] as const) {
        for (const s of editor.querySelectorAll(`.view-overlays .squiggly-${kind}`)) {
          const r = s.getBoundingClientRect();
          const middle = (r.top + r.bottom) / 2;
          const n = numbers.find((x) => middle >= x.top - 1 && middle <= x.bottom + 1);
          if (n) out.push({ kind, line: n.line });
        }
      }
      return out;
    });
  }

  /** Polls until `check` accepts the squiggles, and returns them. */
  async waitForSquiggles(check: (s: Squiggle[]) => boolean, what: string, timeout = UI_TIMEOUT): Promise<Squiggle[]> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = await this.squiggles();
      if (check(found)) return found;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; squiggles on screen: ${JSON.stringify(found)}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Opens the Problems panel (Ctrl+Shift+M) maximised, so that every row is rendered (the list is virtual). */
  async openProblems(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ timeout: UI_TIMEOUT });
    }
    if (!(await this.panelIsMaximized())) {
      await this.command('View: Toggle Maximized Panel');
      const deadline = Date.now() + UI_TIMEOUT;
      while (!(await this.panelIsMaximized())) {
        if (Date.now() > deadline) throw new Error('The panel did not maximise');
        await this.page.waitForTimeout(100);
      }
    }
  }

  private async panelIsMaximized(): Promise<boolean> {
    const box = await this.page.locator('.part.panel').boundingBox();
    const viewport = this.page.viewportSize();
    return !!box && !!viewport && box.height > viewport.height * 0.6;
  }

  /** Restores the panel's size and hides it, so the editor has the room again. */
  async closeProblems(): Promise<void> {
    if (!(await this.page.locator('.part.panel').isVisible())) return;
    if (await this.panelIsMaximized()) await this.command('View: Toggle Maximized Panel');
    await this.command('View: Hide Panel');
    await this.page.locator('.part.panel').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  }

  /** The Problems panel's rows grouped by file, as rendered. */
  async problems(): Promise<FileProblems[]> {
    await this.openProblems();
    return this.page.locator('.markers-panel').evaluate((panel) => {
      const groups: { file: string; folder: string; rows: { label: string; text: string; kind: 'marker' | 'related' }[] }[] = [];
      const rows = [...panel.querySelectorAll('.monaco-list-row')].sort(
        (a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')),
      );
      for (const row of rows) {
        const label = row.getAttribute('aria-label') ?? '';
        const text = (row as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim();
        const resource = row.querySelector('.file-icon, .monaco-icon-label');
        if (row.querySelector('.marker-icon, .marker-message-details') || !resource) {
          const kind = /^(Error|Warning|Info|Hint):/.test(label) ? 'marker' : 'related';
          groups[groups.length - 1]?.rows.push({ label, text, kind });
        } else {
          const file = row.querySelector('.label-name')?.textContent?.trim() ?? '';
          const folder = row.querySelector('.label-description')?.textContent?.trim() ?? '';
          groups.push({ file, folder, rows: [] });
        }
      }
      return groups;
    });
  }

  /** Polls the Problems panel until `check` accepts it. */
  async waitForProblems(check: (p: FileProblems[]) => boolean, what: string, timeout = UI_TIMEOUT): Promise<FileProblems[]> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = await this.problems();
      if (check(found)) return found;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; Problems panel shows: ${JSON.stringify(found, null, 1)}`);
      await this.page.waitForTimeout(200);
    }
  }

  /** Opens the light bulb menu at the cursor (Ctrl+.) and returns the titles it offers. */
  async openQuickFixes(): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    await rows.first().waitFor({ timeout: UI_TIMEOUT });
    return (await rows.allInnerTexts()).map((t) => t.trim());
  }

  async chooseQuickFix(title: string): Promise<void> {
    const row = this.page.locator('.action-widget .monaco-list-row.action', { hasText: title }).first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    await row.click();
    await this.page.locator('.action-widget .monaco-list-row.action').first().waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  }

  /** Hovers the mouse over the first occurrence of `word` on `line`; returns the hover's text. */
  async hover(line: number, word: string, expected: RegExp | string, timeout = UI_TIMEOUT): Promise<string> {
    const point = await this.editor().evaluate(
      (editor, [lineNumber, w]) => {
        const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')];
        const number = numbers.find((e) => Number(e.textContent?.trim()) === lineNumber);
        if (!number) return undefined;
        const top = number.getBoundingClientRect().top;
        const row = [...editor.querySelectorAll('.view-lines .view-line')].find((e) => Math.abs(e.getBoundingClientRect().top - top) <= 2);
        if (!row) return undefined;
        const doc = editor.ownerDocument;
        const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT
        const walker = doc.createTreeWalker(row, SHOW_TEXT);
        let text = '';
        const nodes: { node: typeof row; start: number }[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push({ node: n, start: text.length });
          text += (n.textContent ?? '').replace(/\u00a0/g, ' ');
        }
        const at = text.indexOf(w as string);
        if (at < 0) return undefined;
        const middle = at + Math.floor((w as string).length / 2);
        const hit = [...nodes].reverse().find((x) => x.start <= middle)!;
        const range = doc.createRange();
        range.setStart(hit.node, middle - hit.start);
        range.setEnd(hit.node, middle - hit.start + 1);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      },
      [line, word] as [number, string],
    );
    if (!point) throw new Error(`"${word}" is not on line ${line} of the editor`);
    await this.page.mouse.move(point.x, point.y - 30);
    await this.page.mouse.move(point.x, point.y, { steps: 5 });
    const hover = this.page.locator('.monaco-hover:not(.hidden)').filter({ hasText: expected }).first();
    await hover.waitFor({ timeout });
    return (await hover.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Types text at the cursor. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 10 });
  }

  /** Opens completion (Ctrl+Space) and waits for a suggestion whose label contains `label`; returns all labels. */
  async suggest(label: string, timeout = UI_TIMEOUT): Promise<string[]> {
    await this.page.keyboard.press('Control+Space');
    return this.visibleSuggestions(label, timeout);
  }

  /** Waits for the completion list (opened by the user or by a snippet choice) to show `label`; returns all labels. */
  async visibleSuggestions(label: string, timeout = UI_TIMEOUT): Promise<string[]> {
    const widget = this.page.locator('.editor-widget.suggest-widget.visible');
    await widget.waitFor({ timeout });
    await widget.locator('.monaco-list-row .label-name', { hasText: label }).first().waitFor({ timeout });
    return (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
  }

  /** Accepts the suggestion whose label contains `label` (selects it with the arrow keys, then Enter). */
  async acceptSuggestion(label: string): Promise<void> {
    const widget = this.page.locator('.editor-widget.suggest-widget.visible');
    const rows = widget.locator('.monaco-list-row');
    const count = await rows.count();
    for (let i = 0; i <= count; i++) {
      const focused = widget.locator('.monaco-list-row.focused .label-name');
      if ((await focused.count()) && (await focused.innerText()).trim() === label) break;
      if (i === count) throw new Error(`No suggestion "${label}" in: ${(await rows.allInnerTexts()).join(' | ')}`);
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: UI_TIMEOUT }).catch(() => undefined);
  }

  /** Escapes out of menus, quick inputs and suggest lists, and puts the focus back in the editor area. */
  async resetFocus(): Promise<void> {
    for (let i = 0; i < 3; i++) await this.page.keyboard.press('Escape');
    if (await this.page.locator('.quick-input-widget').isVisible()) await this.page.keyboard.press('Escape');
  }

  async closeWidgets(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** Status bar items: DOM id, accessible label and text. */
  async statusBarItems(): Promise<{ id: string; label: string; text: string }[]> {
    return this.page.locator('.part.statusbar .statusbar-item').evaluateAll((items) =>
      items.map((e) => ({
        id: e.id,
        label: e.querySelector('[aria-label]')?.getAttribute('aria-label') ?? e.getAttribute('aria-label') ?? '',
        text: (e.textContent ?? '').trim(),
      })),
    );
  }

  /** Waits until the status bar item whose id contains `idFragment` shows `text`. */
  async waitForStatusItem(idFragment: string, text: string, timeout = UI_TIMEOUT): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const items = await this.statusBarItems();
      const item = items.find((i) => i.id.includes(idFragment));
      if (item && (item.text.includes(text) || item.label.includes(text))) return;
      if (Date.now() > deadline) {
        throw new Error(`Status bar item *${idFragment}* should show "${text}"; status bar: ${JSON.stringify(items)}`);
      }
      await this.page.waitForTimeout(100);
    }
  }

  /** Texts of the notification toasts on screen and in the notification center. */
  async notifications(): Promise<string[]> {
    return this.page
      .locator('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item')
      .evaluateAll((items) => items.map((e) => (e as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim()));
  }
}
