/**
 * The packaged extension in a real VS Code: code-server (VS Code's workbench and Node extension
 * host) with policy-lint.vsix installed the way a user installs it, driven through Chromium.
 * Every check reads what a user sees: squiggles, Problems rows, the light bulb menu, hovers,
 * completion, the status bar. Scenarios are shared with the extension-host suite (electron/).
 * Needs `npm run e2e:setup`; run with `npm run test:e2e`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BROKEN_PACK,
  BUILTIN_SNIPPET,
  CHOICE_SNIPPET,
  DIAGNOSTIC_SOURCE,
  EXPECTED_DIAGNOSTICS,
  HOVER,
  POLICY_DOCUMENTS,
  QUICK_FIX,
  SNIPPET_DOCUMENT,
  STATUS_BAR,
  TEAM_SNIPPET,
  diagnosticsIn,
  type ExpectedDiagnostic,
} from './scenarios';
import { openWorkbench, type OpenBrowser } from './support/browser';
import { RESULTS_DIR, requireCache } from './support/cache';
import { installExtension, prepareProfile, startCodeServer, type RunningCodeServer } from './support/codeServer';
import { tail } from './support/process';
import { ensureVsix } from './support/vsix';
import { makeRunDir } from './support/workspace';
import { Workbench, type FileProblems, type ProblemRow } from './support/workbench';

/** A Problems row shows `message source(code) [Ln l, Col c]` (the code is a link to the rule's page). */
function rowMatches(row: ProblemRow, d: ExpectedDiagnostic): boolean {
  return (
    row.kind === 'marker' &&
    row.text.includes(d.message) &&
    new RegExp(`${DIAGNOSTIC_SOURCE}\\W*${d.rule}\\b`).test(row.text) &&
    row.text.includes(`[Ln ${d.line},`)
  );
}

function rowsOf(problems: FileProblems[], file: string): ProblemRow[] {
  return problems.filter((g) => g.file === path.posix.basename(file) && (g.folder === '' || file.includes(g.folder))).flatMap((g) => g.rows);
}

function policyRows(problems: FileProblems[], file: string): ProblemRow[] {
  return rowsOf(problems, file).filter((r) => r.kind === 'marker' && new RegExp(`\\b${DIAGNOSTIC_SOURCE}(?!-)\\W`).test(r.text));
}

describe('Policy Lint in VS Code (code-server + Chromium)', function () {
  this.timeout(120_000);

  let run: ReturnType<typeof makeRunDir> | undefined;
  let server: RunningCodeServer | undefined;
  let browser: OpenBrowser | undefined;
  let wb: Workbench;
  let failed = false;
  /** Set when the first document's findings never arrived: later server checks then fail at once instead of each timing out. */
  let serverSilent = false;
  const needServer = () => {
    if (serverSilent) throw new Error('The language server published no diagnostics for the first document (see that failure); not waiting again.');
  };

  before(async function () {
    this.timeout(300_000);
    requireCache();
    // Clear this suite's results of an earlier run (the Neovim suite keeps its own in neovim/).
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    for (const entry of fs.readdirSync(RESULTS_DIR)) {
      if (entry.endsWith('.png') || entry === 'code-server.log' || entry === 'vscode-logs') fs.rmSync(path.join(RESULTS_DIR, entry), { recursive: true, force: true });
    }
    const vsix = ensureVsix();
    run = makeRunDir('vscode');
    const dirs = prepareProfile(run.root);
    await installExtension(vsix, dirs);
    server = await startCodeServer(run.workspace, dirs, path.join(RESULTS_DIR, 'code-server.log'));
    browser = await openWorkbench(server.url);
    wb = new Workbench(browser.page, RESULTS_DIR);
    await wb.ready();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      await wb?.screenshot(`FAILED-${name}`).catch(() => undefined);
      // Close whatever the failed step left open (menu, quick input, suggest list) for the next test.
      await wb?.resetFocus().catch(() => undefined);
    }
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await server?.stop();
    if (run) {
      // The extension host's logs explain most failures; keep them beside the screenshots.
      const logs = path.join(run.root, 'user-data', 'logs');
      if (fs.existsSync(logs)) fs.cpSync(logs, path.join(RESULTS_DIR, 'vscode-logs'), { recursive: true });
      run.remove();
    }
    if (failed) console.log(`\nScreenshots and logs: ${RESULTS_DIR}\ncode-server log tail:\n${tail(path.join(RESULTS_DIR, 'code-server.log'), 20)}`);
  });

  it('activates on a policy document and shows its status bar item', async () => {
    await wb.openFile(STATUS_BAR.file);
    await wb.waitForStatusItem(STATUS_BAR.idFragment, STATUS_BAR.text, 60_000);
    await wb.screenshot('status-bar');
  });

  for (const file of POLICY_DOCUMENTS) {
    it(`squiggles every finding in ${file} on its line, with the right severity`, async () => {
      needServer();
      await wb.openFile(file);
      const expected = diagnosticsIn(file);
      const lines = await wb.renderedLines();
      for (const d of expected) assert.ok(lines.get(d.line)?.includes(d.lineText), `fixture line ${d.line} of ${file} should read "${d.lineText}", reads "${lines.get(d.line)}"`);
      const squiggles = await wb
        .waitForSquiggles(
          (found) => expected.every((d) => found.some((s) => s.line === d.line && s.kind === d.severity)),
          `${expected.map((d) => `${d.severity} on line ${d.line} (${d.rule})`).join(', ')} in ${file}`,
          60_000,
        )
        .catch(async (error: unknown) => {
          if ((await wb.squiggles()).length === 0 && file === POLICY_DOCUMENTS[0]) serverSilent = true;
          throw error;
        });
      // No squiggle where none is expected (an extra finding is as wrong as a missing one).
      const stray = squiggles.filter((s) => !expected.some((d) => d.line === s.line));
      assert.deepEqual(stray, [], `unexpected squiggles in ${file}`);
      await wb.screenshot(`squiggles-${file.replace(/\W+/g, '-')}`);
    });
  }

  it('lists one Problems row per finding, with rule code, message and line', async () => {
    needServer();
    const problems = await wb.waitForProblems(
      (p) => EXPECTED_DIAGNOSTICS.every((d) => rowsOf(p, d.file).some((r) => rowMatches(r, d))),
      'a Problems row for every expected finding',
      60_000,
    );
    for (const file of POLICY_DOCUMENTS) {
      const rows = policyRows(problems, file);
      assert.equal(rows.length, diagnosticsIn(file).length, `Policy Lint rows for ${file}: ${JSON.stringify(rows, null, 1)}`);
    }
    assert.deepEqual(policyRows(problems, SNIPPET_DOCUMENT), [], `${SNIPPET_DOCUMENT} has no findings`);
    await wb.screenshot('problems-panel');
  });

  it('shows the cross-file contradiction in both documents, each pointing at the other', async () => {
    needServer();
    const problems = await wb.problems();
    const contradictions = EXPECTED_DIAGNOSTICS.filter((d) => d.rule === 'participation-contradiction');
    assert.equal(new Set(contradictions.map((d) => d.file)).size, 2);
    for (const d of contradictions) {
      const row = rowsOf(problems, d.file).find((r) => rowMatches(r, d));
      assert.ok(row, `no contradiction row in ${d.file}`);
      const other = contradictions.find((o) => o.file !== d.file)!;
      assert.ok(row.text.includes(`${other.file}:${other.line}`), `the row in ${d.file} should name ${other.file}:${other.line}: ${row.text}`);
    }
    await wb.closeProblems();
  });

  it(`applies "${QUICK_FIX.title}" from the light bulb`, async () => {
    needServer();
    await wb.openFile(QUICK_FIX.file);
    assert.equal(await wb.lineText(QUICK_FIX.line), QUICK_FIX.before);
    await wb.goToLine(QUICK_FIX.line, 1);
    const offered = await wb.openQuickFixes();
    await wb.screenshot('quick-fix-menu');
    for (const title of [QUICK_FIX.title, ...QUICK_FIX.otherTitles]) {
      assert.ok(offered.some((t) => t.includes(title)), `light bulb offers ${JSON.stringify(offered)}, expected "${title}"`);
    }
    await wb.chooseQuickFix(QUICK_FIX.title);
    await wb.waitForLine(QUICK_FIX.line, QUICK_FIX.after);
    // The server re-lints the edited text: the finding the fix answered goes away, the others stay.
    await wb.waitForSquiggles((s) => !s.some((x) => x.line === QUICK_FIX.line), `no squiggle left on line ${QUICK_FIX.line}`);
    const others = diagnosticsIn(QUICK_FIX.file).filter((d) => d.line !== QUICK_FIX.line);
    await wb.waitForSquiggles((s) => others.every((d) => s.some((x) => x.line === d.line && x.kind === d.severity)), 'the other findings to stay');
    if (QUICK_FIX.file === STATUS_BAR.file) await wb.waitForStatusItem(STATUS_BAR.idFragment, STATUS_BAR.textAfterFix);
    await wb.screenshot('quick-fix-applied');
  });

  it('explains a participation term on hover', async () => {
    needServer();
    await wb.openFile(HOVER.file);
    let text = '';
    for (const expected of HOVER.expect) text = await wb.hover(HOVER.line, HOVER.word, expected);
    await wb.screenshot('hover');
    for (const expected of HOVER.expect) assert.ok(text.includes(expected), `hover shows "${text}"`);
    await wb.closeWidgets();
  });

  it(`inserts the built-in snippet "${BUILTIN_SNIPPET.prefix}" by its prefix`, async () => {
    await wb.openFile(SNIPPET_DOCUMENT);
    const start = (await wb.renderedLines()).size;
    await wb.goToLine(start, 1);
    await wb.type(BUILTIN_SNIPPET.prefix);
    await wb.suggest(BUILTIN_SNIPPET.prefix);
    await wb.screenshot('builtin-snippet-offered');
    await wb.acceptSuggestion(BUILTIN_SNIPPET.prefix);
    for (const [i, expected] of BUILTIN_SNIPPET.insertedLines.entries()) {
      await wb.waitForLine(start + i, { startsWith: expected });
    }
    await wb.closeWidgets();
    await wb.screenshot('builtin-snippet-inserted');
  });

  it(`offers Mandatory and Optional in the choice placeholder of "${CHOICE_SNIPPET.prefix}"`, async () => {
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.press('Enter');
    const start = (await wb.renderedLines()).size;
    await wb.type(CHOICE_SNIPPET.prefix);
    await wb.suggest(CHOICE_SNIPPET.prefix);
    await wb.acceptSuggestion(CHOICE_SNIPPET.prefix);
    // Tab from the first placeholder to the choice: VS Code opens the choice list by itself.
    await wb.page.keyboard.press('Tab');
    const choices = await wb.visibleSuggestions(CHOICE_SNIPPET.choices[0]);
    await wb.screenshot('choice-placeholder');
    assert.deepEqual(choices.slice().sort(), CHOICE_SNIPPET.choices.slice().sort(), 'the choice placeholder offers exactly both labels');
    await wb.acceptSuggestion(CHOICE_SNIPPET.pick);
    const lines = await wb.renderedLines();
    const row = [...lines.entries()].find(([n, t]) => n >= start && t.startsWith('| Fingerprint submission'));
    assert.equal(row?.[1], CHOICE_SNIPPET.rowAfterPick);
    await wb.closeWidgets();
  });

  it(`offers the team pack snippet "${TEAM_SNIPPET.prefix}" from ${TEAM_SNIPPET.pack}`, async () => {
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.press('Enter');
    const start = (await wb.renderedLines()).size;
    await wb.type(TEAM_SNIPPET.prefix);
    await wb.suggest(TEAM_SNIPPET.prefix, 60_000);
    await wb.screenshot('team-snippet-offered');
    await wb.acceptSuggestion(TEAM_SNIPPET.prefix);
    await wb.waitForLine(start, TEAM_SNIPPET.inserted);
    await wb.closeWidgets();
    await wb.screenshot('team-snippet-inserted');
  });

  it(`reports the malformed pack ${BROKEN_PACK.file}, naming the file`, async () => {
    const named = (text: string) => text.includes(BROKEN_PACK.folder) && text.includes(BROKEN_PACK.fileName);
    const deadline = Date.now() + 60_000;
    let seen = '';
    for (;;) {
      const problems = await wb.problems();
      const group = problems.find((g) => g.file === BROKEN_PACK.fileName && g.folder.includes(BROKEN_PACK.folder) && g.rows.length > 0);
      const notes = (await wb.notifications()).filter(named);
      if (group || notes.length) {
        seen = group ? `Problems: ${group.rows.map((r) => r.text).join(' | ')}` : `Notification: ${notes.join(' | ')}`;
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(`No Problems row under ${BROKEN_PACK.file} and no notification naming it. Problems: ${JSON.stringify(problems)}; notifications: ${JSON.stringify(await wb.notifications())}`);
      }
      await wb.page.waitForTimeout(250);
    }
    await wb.screenshot('broken-pack-reported');
    assert.match(seen, /json|brace|expected|invalid|parse/i, `the report should say what is wrong: ${seen}`);
    await wb.closeProblems();
  });
});
