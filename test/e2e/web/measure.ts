/**
 * Measures the browser build of the language server (dist/web/server.js in a Chromium Web
 * Worker, files served through policyLint/readFile and policyLint/findFiles by the test
 * page) against the Node build (dist/server.js over stdio, files on disk), on the same
 * generated workspaces, and prints a table. A measurement script, not a test: nothing here
 * passes or fails on speed.
 *
 *   npm run build && npx tsc -p . && node out/test/e2e/web/measure.js [sizes, default 100,1000]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { startServer } from '../../protocol/harness';
import { openPageSite } from './pageServer';

interface Harness {
  start(folder: string, files: Record<string, string>): Promise<unknown>;
  open(uri: string, text: string): Promise<void>;
  stop(): Promise<void>;
  diagnostics: Record<string, { diagnostics: unknown[] }>;
  notifications: Array<{ method: string; params: unknown }>;
  readRequests: string[];
}
declare const policyLintHarness: Harness;

/** A policy document of about 40 lines: labelled and unlabelled clauses, a statement shared across documents. */
function documentText(i: number): string {
  const lines = ['---', 'policy: true', 'program: Secure Communities', '---', `# Policy ${i}`, '', '## Mandatory aspects', ''];
  for (let k = 0; k < 8; k++) lines.push(`[Mandatory] Agencies must file report ${k} of policy ${i} every quarter.`, '');
  lines.push('## Optional aspects', '');
  for (let k = 0; k < 8; k++) lines.push(`Local jurisdictions may opt out of pilot ${k} of policy ${i}.`, '');
  lines.push(`Participation in the data quality review is ${i % 2 ? 'mandatory' : 'voluntary'}.`, '', 'States must publish an annual plan.', '');
  return lines.join('\n');
}

const OPEN_TEXT = '# Plan\n\nStates must report enrolment figures every quarter.\n';

async function measureWorker(site: Awaited<ReturnType<typeof openPageSite>>, count: number): Promise<{ indexMs: number; serverMs: number; firstDiagnosticsMs: number; reads: number }> {
  const folder = 'memfs:/workspace';
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`${folder}/policies/p${i}.md`] = documentText(i);
  const page = await site.browser.newPage();
  try {
    await page.goto(site.url, { waitUntil: 'load' });
    return await page.evaluate(
      async ({ folder, files, openText }) => {
        const h = policyLintHarness;
        const until = (check: () => boolean) =>
          new Promise<void>((resolve, reject) => {
            const deadline = performance.now() + 300_000;
            const poll = () => (check() ? resolve() : performance.now() > deadline ? reject(new Error('timed out')) : setTimeout(poll, 5));
            poll();
          });
        const t0 = performance.now();
        await h.start(folder, files);
        await until(() => h.notifications.some((n) => n.method === 'policyLint/indexed'));
        const indexMs = performance.now() - t0;
        const serverMs = (h.notifications.find((n) => n.method === 'policyLint/indexed')!.params as { durationMs: number }).durationMs;
        const uri = `${folder}/policies/open.md`;
        const t1 = performance.now();
        await h.open(uri, openText);
        await until(() => !!h.diagnostics[uri]);
        const firstDiagnosticsMs = performance.now() - t1;
        const reads = h.readRequests.length;
        await h.stop();
        return { indexMs, serverMs, firstDiagnosticsMs, reads };
      },
      { folder, files, openText: OPEN_TEXT },
    );
  } finally {
    await page.close();
  }
}

async function measureNode(count: number): Promise<{ indexMs: number; serverMs: number; firstDiagnosticsMs: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-measure-'));
  try {
    fs.mkdirSync(path.join(dir, 'policies'));
    for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, 'policies', `p${i}.md`), documentText(i));
    const t0 = performance.now();
    const server = await startServer({ workspace: dir, waitForIndex: false });
    const indexed = await server.waitForNotification('policyLint/indexed', () => true, 300_000);
    const indexMs = performance.now() - t0;
    const uri = URI.file(path.join(dir, 'policies', 'open.md')).toString();
    const t1 = performance.now();
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: OPEN_TEXT } });
    await server.waitForDiagnostics(uri, () => true, 60_000);
    const firstDiagnosticsMs = performance.now() - t1;
    await server.stop();
    return { indexMs, serverMs: (indexed as { durationMs: number }).durationMs, firstDiagnosticsMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '100,1000').split(',').map(Number).filter((n) => n > 0);
  const site = await openPageSite();
  const rows: string[][] = [];
  try {
    for (const count of sizes) {
      const worker = await measureWorker(site, count);
      const node = await measureNode(count);
      const ms = (n: number) => `${Math.round(n)} ms`;
      rows.push([`${count} documents`, 'Web Worker (Chromium)', ms(worker.indexMs), ms(worker.serverMs), ms(worker.firstDiagnosticsMs), String(worker.reads)]);
      rows.push([`${count} documents`, 'Node (stdio)', ms(node.indexMs), ms(node.serverMs), ms(node.firstDiagnosticsMs), '-']);
    }
  } finally {
    await site.close();
  }
  const header = ['workspace', 'server', 'start to indexed', 'indexing (server)', 'open to first diagnostics', 'readFile requests'];
  console.log(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`\n${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}.`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
