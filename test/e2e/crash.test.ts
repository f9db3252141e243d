/**
 * Crash recovery in a real VS Code (code-server + Chromium, the packaged extension): the
 * language server process is killed from outside, as a crash would end it, and the user
 * must get the squiggles and Problems back without doing anything; a server that keeps
 * dying is given up on with a message, and "Policy Lint: Restart Language Server" brings it
 * back. The server is found with `ps` by its path inside this run's extensions folder, so
 * no other editor's server is ever touched. Its own code-server, so the main suite's state
 * is not disturbed.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnosticsIn, EXPECTED_DIAGNOSTICS, POLICY_DOCUMENTS } from './scenarios';
import { openWorkbench, type OpenBrowser } from './support/browser';
import { RESULTS_DIR, requireCache } from './support/cache';
import { installExtension, prepareProfile, startCodeServer, type CodeServerDirs, type RunningCodeServer } from './support/codeServer';
import { tail } from './support/process';
import { ensureVsix } from './support/vsix';
import { makeRunDir } from './support/workspace';
import { Workbench, type Squiggle } from './support/workbench';

const CRASH_RESULTS = path.join(RESULTS_DIR, 'crash');
const DOCUMENT = POLICY_DOCUMENTS[0];
/** The extension's limit (client/src/restartPolicy.ts defaults): this many restarts in its window, then it gives up. */
const MAX_RESTARTS = 5;

/** Pids of Policy Lint language servers started from this run's extensions folder. */
function serverPids(dirs: CodeServerDirs): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes(dirs.extensionsDir) && /dist[/\\]server\.js/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

/**
 * The extension's "Policy Lint" output channel as VS Code writes it to the run's logs, for
 * what the client did (started, gave up), so each crash waits for the restart to complete:
 * a server killed during `initialize` is another path (the client reports a failed start).
 */
function clientLog(root: string): string {
  const logs = path.join(root, 'user-data', 'logs');
  if (!fs.existsSync(logs)) return '';
  const file = (fs.readdirSync(logs, { recursive: true }) as string[]).find((f) => f.endsWith(`policy-lint.policy-lint${path.sep}Policy Lint.log`));
  return file ? fs.readFileSync(path.join(logs, file), 'utf8') : '';
}
const RUNNING = /\[info\] Language server running\./g;
const GAVE_UP = /stopped \d+ times in 3 minutes and will not be restarted/;
const runningCount = (log: string) => (log.match(RUNNING) ?? []).length;

async function poll<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Policy Lint in VS Code: crash recovery (code-server + Chromium)', function () {
  this.timeout(180_000);

  let run: ReturnType<typeof makeRunDir> | undefined;
  let dirs: CodeServerDirs;
  let server: RunningCodeServer | undefined;
  let browser: OpenBrowser | undefined;
  let wb: Workbench;
  let failed = false;
  const expected = diagnosticsIn(DOCUMENT);
  const allSquiggles = (found: Squiggle[]) => expected.every((d) => found.some((s) => s.line === d.line && s.kind === d.severity));
  const what = `${expected.map((d) => `${d.severity} on line ${d.line}`).join(', ')} in ${DOCUMENT}`;

  const onePid = (except?: number) =>
    poll(
      () => {
        const pids = serverPids(dirs).filter((p) => p !== except);
        return pids.length === 1 ? pids[0] : undefined;
      },
      except ? `a new language server process (the killed one was ${except})` : 'the language server process',
      60_000,
    );

  before(async function () {
    this.timeout(300_000);
    requireCache();
    fs.rmSync(CRASH_RESULTS, { recursive: true, force: true });
    fs.mkdirSync(CRASH_RESULTS, { recursive: true });
    const vsix = ensureVsix();
    run = makeRunDir('crash');
    dirs = prepareProfile(run.root);
    await installExtension(vsix, dirs);
    server = await startCodeServer(run.workspace, dirs, path.join(CRASH_RESULTS, 'code-server.log'));
    browser = await openWorkbench(server.url);
    wb = new Workbench(browser.page, CRASH_RESULTS);
    await wb.ready();
    await wb.openFile(DOCUMENT);
    await wb.waitForSquiggles(allSquiggles, what, 90_000);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      await wb?.screenshot(`FAILED-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await server?.stop();
    if (run) {
      const logs = path.join(run.root, 'user-data', 'logs');
      if (failed && fs.existsSync(logs)) fs.cpSync(logs, path.join(CRASH_RESULTS, 'vscode-logs'), { recursive: true });
      run.remove();
    }
    if (failed) console.log(`\nScreenshots and logs: ${CRASH_RESULTS}\ncode-server log tail:\n${tail(path.join(CRASH_RESULTS, 'code-server.log'), 20)}`);
  });

  it('restarts a killed language server; squiggles and Problems come back and new edits are analysed', async () => {
    const first = await onePid();
    const started = runningCount(clientLog(run!.root));
    assert.ok(started >= 1, 'the output channel says the server is running');
    process.kill(first, 'SIGKILL');
    const second = await onePid(first);
    assert.notEqual(second, first);
    await poll(() => (runningCount(clientLog(run!.root)) > started ? true : undefined), 'the client to report the restarted server running', 60_000);
    await wb.waitForSquiggles(allSquiggles, `${what}, after the restart`, 60_000);
    // The restarted server indexed the workspace again: the closed document's contradiction is listed.
    const contradiction = EXPECTED_DIAGNOSTICS.find((d) => d.file !== DOCUMENT && d.rule === 'participation-contradiction')!;
    await wb.waitForProblems(
      (p) => p.some((g) => g.file === contradiction.file && g.rows.some((r) => r.text.includes(contradiction.message))),
      `the Problems row of ${contradiction.file}:${contradiction.line}`,
      60_000,
    );
    await wb.closeProblems();
    // And it analyses edits: labelling the unlabelled clause removes its squiggle, the others stay.
    const unlabelled = expected.find((d) => d.rule === 'missing-label')!;
    await wb.goToLine(unlabelled.line, 1);
    await wb.type('[Mandatory] ');
    await wb.waitForSquiggles((s) => !s.some((x) => x.line === unlabelled.line), `no squiggle left on line ${unlabelled.line}`, 30_000);
    await wb.waitForSquiggles((s) => expected.filter((d) => d !== unlabelled).every((d) => s.some((x) => x.line === d.line && x.kind === d.severity)), 'the other squiggles to stay');
    // Back to the fixture text (the next test expects its findings).
    for (let i = 0; i < '[Mandatory] '.length; i++) await wb.page.keyboard.press('Backspace');
    await wb.waitForLine(unlabelled.line, { startsWith: unlabelled.lineText });
    await wb.waitForSquiggles(allSquiggles, `${what}, once the label is removed again`, 30_000);
    await wb.screenshot('restarted');
  });

  it('gives up on a server that keeps dying, says so, and "Restart Language Server" brings it back', async () => {
    // The first test used one restart of the window; crash until the extension stops restarting.
    let pid = await onePid();
    let gaveUp = '';
    for (let crash = 2; crash <= MAX_RESTARTS + 2 && !gaveUp; crash++) {
      const running = runningCount(clientLog(run!.root));
      process.kill(pid, 'SIGKILL');
      const outcome = await poll(
        () => {
          const log = clientLog(run!.root);
          if (GAVE_UP.test(log)) return 'gave up';
          return runningCount(log) > running ? 'restarted' : undefined;
        },
        `a restart or giving up, after crash ${crash}`,
        60_000,
      );
      if (outcome === 'gave up') {
        assert.equal(crash, MAX_RESTARTS + 1, `gave up after crash ${crash}`);
        gaveUp = await poll(async () => (await wb.notifications()).find((n) => GAVE_UP.test(n)), 'the message saying the server will not be restarted', 30_000);
      } else {
        pid = await onePid(pid);
        await wb.waitForSquiggles(allSquiggles, `${what}, after restart ${crash}`, 60_000);
      }
    }
    assert.match(gaveUp, /Restart Language Server/);
    await wb.screenshot('gave-up');
    // Nothing is started behind the user's back, and no squiggle of the dead server stays on screen.
    assert.deepEqual(serverPids(dirs), []);
    await wb.waitForSquiggles((s) => s.length === 0, 'the squiggles of the stopped server to go', 30_000);
    // The status bar says the server is stopped, not that the document is clear.
    await wb.waitForStatusItem('policyLint.status', 'Policy Lint: stopped', 30_000);

    await wb.command('Policy Lint: Restart Language Server');
    await onePid();
    await wb.openFile(DOCUMENT);
    await wb.waitForSquiggles(allSquiggles, `${what}, after Restart Language Server`, 60_000);
    const status = (await wb.statusBarItems()).find((i) => i.id.includes('policyLint.status'));
    assert.ok(status && !/stopped/.test(status.text), `status bar after the restart: ${status?.text}`);
    await wb.screenshot('restarted-on-request');
  });
});
