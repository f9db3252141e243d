/**
 * The live participation summary in a real VS Code (code-server + Chromium, the packaged
 * extension): the Explorer view shows the fixture's contradiction, the matrix colours it and
 * opens a statement from a cell, an edit that ends the contradiction updates the view, and a
 * click on a statement lands on its line. Waits on the DOM with timeouts, never fixed sleeps.
 * Runs with the other editor tests: `npm run test:e2e`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MATRIX, SUMMARY_VIEW } from './summaryScenarios';
import { openWorkbench, type OpenBrowser } from './support/browser';
import { RESULTS_DIR, requireCache } from './support/cache';
import { installExtension, prepareProfile, startCodeServer, type RunningCodeServer } from './support/codeServer';
import { tail } from './support/process';
import { matrixFrame, SummaryViewDriver } from './support/summaryView';
import { ensureVsix } from './support/vsix';
import { makeRunDir } from './support/workspace';
import { Workbench } from './support/workbench';

const SUMMARY_RESULTS = path.join(RESULTS_DIR, 'summary');

describe('Policy Lint participation summary in VS Code (code-server + Chromium)', function () {
  this.timeout(120_000);

  let run: ReturnType<typeof makeRunDir> | undefined;
  let server: RunningCodeServer | undefined;
  let browser: OpenBrowser | undefined;
  let wb: Workbench;
  let view: SummaryViewDriver;
  let failed = false;

  before(async function () {
    this.timeout(300_000);
    requireCache();
    fs.rmSync(SUMMARY_RESULTS, { recursive: true, force: true });
    fs.mkdirSync(SUMMARY_RESULTS, { recursive: true });
    const vsix = ensureVsix();
    run = makeRunDir('vscode-summary');
    const dirs = prepareProfile(run.root);
    await installExtension(vsix, dirs);
    server = await startCodeServer(run.workspace, dirs, path.join(SUMMARY_RESULTS, 'code-server.log'));
    browser = await openWorkbench(server.url);
    wb = new Workbench(browser.page, SUMMARY_RESULTS);
    view = new SummaryViewDriver(browser.page, SUMMARY_VIEW.title);
    await wb.ready();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      await wb?.screenshot(`FAILED-${name}`).catch(() => undefined);
      await wb?.resetFocus().catch(() => undefined);
    }
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await server?.stop();
    if (run) {
      const logs = path.join(run.root, 'user-data', 'logs');
      if (fs.existsSync(logs)) fs.cpSync(logs, path.join(SUMMARY_RESULTS, 'vscode-logs'), { recursive: true });
      run.remove();
    }
    if (failed) console.log(`\nScreenshots and logs: ${SUMMARY_RESULTS}\ncode-server log tail:\n${tail(path.join(SUMMARY_RESULTS, 'code-server.log'), 20)}`);
  });

  it('shows the contradictory program in the Participation Summary view, with both places', async () => {
    // A policy document activates the extension; the command reveals the view.
    await wb.openFile(SUMMARY_VIEW.edit.file);
    await wb.command('Policy Lint: Show Participation Summary');
    await view.expand();
    const { label, status } = SUMMARY_VIEW.contradictory;
    const rows = await view.waitForRows(
      (r) => r.some((x) => x.label.startsWith(`${label}, ${status}`)) && SUMMARY_VIEW.places.every((p) => r.some((x) => x.label.startsWith(p.label))),
      `"${label}" marked ${status}, with ${SUMMARY_VIEW.places.map((p) => p.label).join(' and ')} under it`,
      60_000,
    );
    assert.ok(rows.some((r) => r.label.startsWith(SUMMARY_VIEW.program) && r.level === 1), `program row: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((r) => r.label.startsWith(`${SUMMARY_VIEW.unclear.label}, ${SUMMARY_VIEW.unclear.status}`)), `unclear aspect: ${JSON.stringify(rows)}`);
    // The status shows as a coloured icon: the contradictory row's icon is the error codicon.
    const icon = view.row(`${label}, ${status}`).locator('.custom-view-tree-node-item-icon').first();
    assert.match((await icon.getAttribute('class')) ?? '', /codicon-error/);
    await wb.screenshot('summary-view');
  });

  it('colours the contradiction in the Participation Matrix and opens a statement from its cell', async () => {
    await wb.command('Policy Lint: Show Participation Matrix');
    const frame = matrixFrame(wb.page);
    const row = frame.locator('tr', { has: frame.locator('th.aspect', { hasText: MATRIX.row }) }).first();
    await row.waitFor({ timeout: 30_000 });
    assert.match((await row.locator('td.status').getAttribute('class')) ?? '', /s-contradictory/);
    const headers = (await frame.locator('thead th').allInnerTexts()).map((t) => t.trim());
    const column = headers.indexOf(MATRIX.cell.file);
    assert.ok(column > 1, `a column for ${MATRIX.cell.file}: ${JSON.stringify(headers)}`);
    const cell = row.locator('td, th').nth(column);
    assert.equal(await cell.getAttribute('data-status'), MATRIX.cell.status);
    await wb.screenshot('summary-matrix');
    await cell.locator('button.place', { hasText: `L${MATRIX.cell.line}` }).click();
    await wb.page.locator(`.tabs-container .tab.active[aria-label*="${MATRIX.cell.file}"]`).waitFor({ timeout: 30_000 });
    await wb.page.locator('.part.statusbar .statusbar-item', { hasText: new RegExp(`\\bLn ${MATRIX.cell.line}, Col \\d+`) }).first().waitFor({ timeout: 30_000 });
  });

  it('updates the view when an edit ends the contradiction', async () => {
    const e = SUMMARY_VIEW.edit;
    await wb.openFile(e.file);
    // The view must be showing for the update to be seen live (a collapsed view fetches when expanded).
    await view.expand();
    assert.equal(await wb.lineText(e.line), e.before);
    // Select the word by its position on the line and type over it, as a user would.
    await wb.goToLine(e.line, e.before.indexOf(e.word) + 1);
    for (let i = 0; i < e.word.length; i++) await wb.page.keyboard.press('Shift+ArrowRight');
    await wb.type(e.replacement);
    await wb.waitForLine(e.line, e.after);
    const { label } = SUMMARY_VIEW.contradictory;
    await view.waitForRows((r) => r.some((x) => x.label.startsWith(`${label}, ${e.statusAfter}`)), `"${label}" to become ${e.statusAfter}`, 30_000);
    await wb.screenshot('summary-view-updated');
    // The matrix shows the same summary.
    await wb.command('Policy Lint: Show Participation Matrix');
    const frame = matrixFrame(wb.page);
    await frame.locator('tr', { has: frame.locator('th.aspect', { hasText: MATRIX.row }) }).locator(`td.status.s-${e.statusAfter.toLowerCase()}`).waitFor({ timeout: 30_000 });
  });

  it('opens a statement on its line when clicked in the view', async () => {
    const { label } = SUMMARY_VIEW.contradictory;
    // The aspect is no longer contradictory, so it may have folded: open it to see its places.
    const aspect = (await view.rows()).find((r) => r.label.startsWith(label));
    if (aspect?.expanded === false) await view.click(label);
    const place = SUMMARY_VIEW.places[0];
    await view.click(place.label);
    await wb.page.locator(`.tabs-container .tab.active[aria-label*="${place.file}"]`).waitFor({ timeout: 30_000 });
    await wb.page.locator('.part.statusbar .statusbar-item', { hasText: new RegExp(`\\bLn ${place.line}, Col \\d+`) }).first().waitFor({ timeout: 30_000 });
    const selected = await wb.editor().locator('.selected-text').count();
    assert.ok(selected > 0, 'the statement is selected');
    await wb.screenshot('summary-statement-opened');
  });
});
