/**
 * The browser build of the extension (package.json "browser": dist/web/extension.js) in
 * VS Code's web worker extension host, as vscode.dev and github.dev run it: code-server
 * with policy-lint.vsix installed and `remote.extensionKind` set to ["web"] for it, so the
 * workbench runs its browser entry in the web worker instead of its Node entry on the
 * server. The language server then runs in a nested worker and reads the workspace
 * through vscode.workspace.fs (`vscode-remote:` URIs here, `vscode-vfs:` on github.dev).
 * Checks what a user sees: squiggles, the status bar, the participation summary view, the
 * browser-only pack message.
 * Needs `npm run e2e:setup`; runs in `npm run test:e2e`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnosticsIn, STATUS_BAR } from './scenarios';
import { SUMMARY_VIEW } from './summaryScenarios';
import { openWorkbench, type OpenBrowser } from './support/browser';
import { RESULTS_DIR, requireCache } from './support/cache';
import { installExtension, prepareProfile, startCodeServer, WORKBENCH_SETTINGS, type RunningCodeServer } from './support/codeServer';
import { tail } from './support/process';
import { SummaryViewDriver } from './support/summaryView';
import { ensureVsix } from './support/vsix';
import { makeRunDir } from './support/workspace';
import { Workbench } from './support/workbench';

const EXTENSION_ID = 'policy-lint.policy-lint';
const WEB_RESULTS = path.join(RESULTS_DIR, 'web-extension-host');

/** Command lines of running processes that mention `fragment` (Linux /proc). */
function processesMentioning(fragment: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmd.includes(fragment)) found.push(`${pid}: ${cmd}`);
    } catch {
      // The process ended meanwhile.
    }
  }
  return found;
}

describe('Policy Lint web extension in the web worker extension host (code-server + Chromium)', function () {
  this.timeout(120_000);
  let run: ReturnType<typeof makeRunDir> | undefined;
  let server: RunningCodeServer | undefined;
  let browser: OpenBrowser | undefined;
  let wb: Workbench;
  let extensionsDir = '';
  let failed = false;

  before(async function () {
    this.timeout(300_000);
    requireCache();
    fs.rmSync(WEB_RESULTS, { recursive: true, force: true });
    const vsix = ensureVsix();
    run = makeRunDir('web-exthost');
    const dirs = prepareProfile(run.root, { ...WORKBENCH_SETTINGS, 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } });
    extensionsDir = dirs.extensionsDir;
    await installExtension(vsix, dirs);
    fs.mkdirSync(WEB_RESULTS, { recursive: true });
    server = await startCodeServer(run.workspace, dirs, path.join(WEB_RESULTS, 'code-server.log'));
    browser = await openWorkbench(server.url);
    // The web extension host and its workers log to the browser console: kept for failures.
    const consoleLog = path.join(WEB_RESULTS, 'browser-console.log');
    browser.page.on('console', (m) => fs.appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    browser.page.on('pageerror', (e) => fs.appendFileSync(consoleLog, `[pageerror] ${e.message}\n`));
    browser.page.on('worker', (w) => fs.appendFileSync(consoleLog, `[worker] ${w.url()}\n`));
    wb = new Workbench(browser.page, WEB_RESULTS);
    await wb.ready();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      await wb?.screenshot(`FAILED-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
      await wb?.resetFocus().catch(() => undefined);
    }
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await server?.stop();
    run?.remove();
    if (failed) console.log(`\nScreenshots and logs: ${WEB_RESULTS}\ncode-server log tail:\n${tail(path.join(WEB_RESULTS, 'code-server.log'), 20)}`);
  });

  it('lints a policy document from the web worker: every finding squiggled on its line, the status bar item shown', async () => {
    const file = STATUS_BAR.file;
    await wb.openFile(file);
    const expected = diagnosticsIn(file);
    const squiggles = await wb.waitForSquiggles(
      (found) => expected.every((d) => found.some((s) => s.line === d.line && s.kind === d.severity)),
      `${expected.map((d) => `${d.severity} on line ${d.line} (${d.rule})`).join(', ')} in ${file}`,
      60_000,
    );
    assert.deepEqual(squiggles.filter((s) => !expected.some((d) => d.line === s.line)), [], `unexpected squiggles in ${file}`);
    await wb.waitForStatusItem(STATUS_BAR.idFragment, STATUS_BAR.text);
    await wb.screenshot('web-worker-squiggles');
  });

  it('finds the cross-file contradiction with a document it read through vscode.workspace.fs', async () => {
    const contradiction = [...diagnosticsIn('agreement.md'), ...diagnosticsIn('guidance.md')].find((d) => d.rule === 'participation-contradiction')!;
    await wb.openFile(contradiction.file);
    await wb.waitForSquiggles((found) => found.some((s) => s.line === contradiction.line && s.kind === contradiction.severity), `the contradiction on line ${contradiction.line} of ${contradiction.file}`, 60_000);
  });

  it('shows the participation summary from the worker server in the Explorer view', async () => {
    const view = new SummaryViewDriver(wb.page, SUMMARY_VIEW.title);
    await wb.command('Policy Lint: Show Participation Summary');
    await view.expand();
    const { label, status } = SUMMARY_VIEW.contradictory;
    await view.waitForRows(
      (r) => r.some((x) => x.label.startsWith(`${label}, ${status}`)) && SUMMARY_VIEW.places.every((p) => r.some((x) => x.label.startsWith(p.label))),
      `"${label}" marked ${status}, with ${SUMMARY_VIEW.places.map((p) => p.label).join(' and ')} under it`,
      60_000,
    );
    await wb.screenshot('web-summary-view');
  });

  it('is the browser build: no Node language server runs, and the snippet pack commands say they need the desktop', async () => {
    assert.deepEqual(processesMentioning(path.join(extensionsDir, '')).filter((p) => p.includes('dist/server.js')), [], 'a Node language server was started from the installed extension');
    await wb.command('Policy Lint: List Snippet Packs');
    await wb.page.locator('.notification-list-item', { hasText: 'needs VS Code desktop' }).first().waitFor({ timeout: 15_000 });
    await wb.screenshot('web-pack-command');
  });
});
