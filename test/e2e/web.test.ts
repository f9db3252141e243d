/**
 * The browser build of the language server (dist/web/server.js, what the web extension
 * starts on vscode.dev and github.dev) in a real Web Worker in Chromium: a test page
 * (web/pageHarness.ts, served by web/pageServer.ts) plays the editor over postMessage and
 * serves a virtual `memfs:` workspace through the server's policyLint/readFile and
 * policyLint/findFiles requests. Waits on the page with timeouts, never fixed sleeps.
 * Needs Chromium (`npm run e2e:setup`); runs in `npm run test:e2e`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './support/cache';
import { openPageSite, type PageSite } from './web/pageServer';

const FOLDER = 'memfs:/workspace';
const PLAN = `${FOLDER}/policies/plan.md`;
const CONFIG = `${FOLDER}/.policylintrc.yaml`;
const WAIT_MS = 15_000;

/** A policy document with one unlabelled obligation (line 3, 0-based 2). */
const UNLABELLED = '# Plan\n\nStates must report enrolment figures every quarter.\n';

interface Harness {
  start(folder: string, files: Record<string, string>, settings?: Record<string, unknown>): Promise<unknown>;
  open(uri: string, text: string, version?: number): Promise<void>;
  change(uri: string, text: string, version: number): Promise<void>;
  fileChanged(uri: string, text: string | undefined): Promise<void>;
  request(method: string, params: unknown): Promise<unknown>;
  stop(): Promise<void>;
  diagnostics: Record<string, { diagnostics: Array<{ code?: string; severity?: number; message: string; range: { start: { line: number } } }> }>;
  readRequests: string[];
  findRequests: Array<{ folder: string; include: string[]; exclude: string[] }>;
  notifications: Array<{ method: string; params: unknown }>;
  logs: string[];
}
type Diag = Harness['diagnostics'][string]['diagnostics'][number];
declare const policyLintHarness: Harness;

describe('Policy Lint language server in a Web Worker (browser build, Chromium)', function () {
  this.timeout(60_000);
  let site: PageSite;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    site = await openPageSite();
  });

  after(async () => {
    await site?.close();
  });

  beforeEach(async () => {
    pageErrors.length = 0;
    page = await site.browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    await page.goto(site.url, { waitUntil: 'load' });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const logs = await page.evaluate(() => policyLintHarness.logs).catch(() => []);
      console.log(`Server log:\n${logs.join('\n')}\nPage errors:\n${pageErrors.join('\n')}`);
    }
    await page.evaluate(() => policyLintHarness.stop()).catch(() => undefined);
    await page.close();
  });

  /** Diagnostics of `uri` once `until` holds for them (fails after WAIT_MS with what arrived). */
  async function diagnosticsOf(uri: string, until: (ds: Diag[]) => boolean, what: string): Promise<Diag[]> {
    try {
      await page.waitForFunction(
        ({ uri, until }) => {
          const ds = policyLintHarness.diagnostics[uri]?.diagnostics;
          return !!ds && (0, eval)(`(${until})`)(ds);
        },
        { uri, until: until.toString() },
        { timeout: WAIT_MS },
      );
    } catch {
      const got = await page.evaluate((u) => policyLintHarness.diagnostics[u], uri);
      assert.fail(`${what}: not within ${WAIT_MS} ms for ${uri}; published: ${JSON.stringify(got)}; page errors: ${pageErrors.join(' | ')}`);
    }
    return page.evaluate((u) => policyLintHarness.diagnostics[u].diagnostics, uri);
  }

  it('publishes missing-label for an unlabelled "States must …" clause in an open document', async () => {
    const init = (await page.evaluate(({ folder }) => policyLintHarness.start(folder, {}), { folder: FOLDER })) as { serverInfo?: { name: string } };
    assert.equal(init.serverInfo?.name, 'policy-lint');
    await page.evaluate(({ uri, text }) => policyLintHarness.open(uri, text), { uri: PLAN, text: UNLABELLED });
    const ds = await diagnosticsOf(PLAN, (d) => d.some((x) => x.code === 'missing-label'), 'missing-label');
    const finding = ds.find((d) => d.code === 'missing-label')!;
    assert.equal(finding.range.start.line, 2);
    assert.equal(finding.severity, 2, 'a warning by default');
    assert.deepEqual(pageErrors, []);
  });

  it('reads the config file through the client (policyLint/readFile) and applies it', async () => {
    const files = { [CONFIG]: 'rules:\n  missing-label: error\n' };
    await page.evaluate(({ folder, files }) => policyLintHarness.start(folder, files), { folder: FOLDER, files });
    await page.evaluate(({ uri, text }) => policyLintHarness.open(uri, text), { uri: PLAN, text: UNLABELLED });
    const ds = await diagnosticsOf(PLAN, (d) => d.some((x) => x.code === 'missing-label'), 'missing-label');
    assert.equal(ds.find((d) => d.code === 'missing-label')!.severity, 1, 'the config file made it an error');
    const reads = await page.evaluate(() => policyLintHarness.readRequests);
    assert.ok(reads.includes(CONFIG), `the server asked for ${CONFIG}; it asked for ${reads.join(', ')}`);

    // The config file changes on the (virtual) file system: re-read, and the rule goes.
    await page.evaluate(({ uri }) => policyLintHarness.fileChanged(uri, 'rules:\n  missing-label: off\n'), { uri: CONFIG });
    await diagnosticsOf(PLAN, (d) => !d.some((x) => x.code === 'missing-label'), 'missing-label turned off by the changed config');
  });

  it('reports a malformed config file on its line, and still lints with the defaults', async () => {
    const files = { [CONFIG]: 'rules:\n  missing-label: loud\n' };
    await page.evaluate(({ folder, files }) => policyLintHarness.start(folder, files), { folder: FOLDER, files });
    await page.evaluate(({ uri, text }) => policyLintHarness.open(uri, text), { uri: PLAN, text: UNLABELLED });
    const configDs = await diagnosticsOf(CONFIG, (d) => d.length > 0, 'config problem');
    assert.equal(configDs[0].code, 'config');
    assert.equal(configDs[0].range.start.line, 1);
    assert.match(configDs[0].message, /missing-label/);
    const ds = await diagnosticsOf(PLAN, (d) => d.some((x) => x.code === 'missing-label'), 'missing-label with the default severity');
    assert.equal(ds.find((d) => d.code === 'missing-label')!.severity, 2);
  });

  it('indexes the workspace through policyLint/findFiles: closed documents get diagnostics, contradictions cross files', async () => {
    const other = `${FOLDER}/policies/agreement.md`;
    const files = {
      [other]: '---\nprogram: Secure Communities\n---\n# Agreement\n\nLocal jurisdictions must publish their plan.\n\nParticipation in the data quality review is mandatory.\n',
      [`${FOLDER}/.hidden/skipped.md`]: '# Hidden\n\nStates must do this.\n',
      [`${FOLDER}/node_modules/pkg/readme.md`]: '# Dependency\n\nStates must do this.\n',
    };
    await page.evaluate(({ folder, files }) => policyLintHarness.start(folder, files), { folder: FOLDER, files });
    const indexed = await page.waitForFunction(() => policyLintHarness.notifications.find((n) => n.method === 'policyLint/indexed')?.params, undefined, { timeout: WAIT_MS });
    const result = (await indexed.jsonValue()) as { documents: number; filesSeen: number };
    assert.deepEqual({ documents: result.documents, filesSeen: result.filesSeen }, { documents: 1, filesSeen: 1 }, 'dot folders and excluded folders are left out');
    const find = await page.evaluate(() => policyLintHarness.findRequests);
    assert.equal(find[0].folder, FOLDER);
    assert.ok(find[0].exclude.includes('**/node_modules/**'));
    await diagnosticsOf(other, (d) => d.some((x) => x.code === 'missing-label'), 'missing-label in the closed document');

    const plan = '---\nprogram: Secure Communities\n---\n# Plan\n\nParticipation in the data quality review is voluntary.\n';
    await page.evaluate(({ uri, text }) => policyLintHarness.open(uri, text), { uri: PLAN, text: plan });
    const ds = await diagnosticsOf(PLAN, (d) => d.some((x) => x.code === 'participation-contradiction'), 'participation-contradiction with the closed document');
    assert.match(ds.find((d) => d.code === 'participation-contradiction')!.message, /optional here but mandatory at agreement\.md:8/);
    await diagnosticsOf(other, (d) => d.some((x) => x.code === 'participation-contradiction'), 'the contradiction shown in the closed document too');
  });

  it('the browser bundles import no Node built-in', () => {
    for (const bundle of ['server.js', 'extension.js']) {
      const text = fs.readFileSync(path.join(REPO_ROOT, 'dist', 'web', bundle), 'utf8');
      const requires = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      const node = requires.filter((r) => r.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'net', 'buffer', 'util', 'worker_threads'].includes(r));
      assert.deepEqual(node, [], `dist/web/${bundle} requires Node modules`);
    }
  });
});
