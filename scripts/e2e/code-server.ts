/**
 * Starts code-server from the editor-test cache for a person to look at, or to take one
 * screenshot and stop (a smoke test of the harness without the test suite).
 *
 *   node out/scripts/e2e/code-server.js [--vsix FILE] [--workspace DIR] [--screenshot FILE]
 *
 * Without --workspace it opens a copy of the e2e fixture workspace; without --vsix, a profile
 * with no extensions. With --screenshot it loads the workbench in Chromium, saves the PNG and
 * stops everything; otherwise it runs until Ctrl+C. Build first: `npx tsc -p .`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench } from '../../test/e2e/support/browser';
import { installExtension, prepareProfile, startCodeServer } from '../../test/e2e/support/codeServer';
import { makeRunDir } from '../../test/e2e/support/workspace';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const run = makeRunDir('code-server');
  const workspace = option('--workspace') ? path.resolve(option('--workspace')!) : run.workspace;
  const dirs = prepareProfile(run.root);
  const vsix = option('--vsix');
  if (vsix) console.log((await installExtension(path.resolve(vsix), dirs)).trim());
  const log = path.join(run.root, 'code-server.log');
  const started = Date.now();
  const server = await startCodeServer(workspace, dirs, log);
  console.log(`code-server ready at ${server.url} in ${Date.now() - started} ms (workspace ${workspace}, log ${log})`);
  const screenshot = option('--screenshot');
  if (screenshot) {
    const browser = await openWorkbench(server.url);
    try {
      await browser.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
      await browser.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      fs.mkdirSync(path.dirname(path.resolve(screenshot)), { recursive: true });
      await browser.page.screenshot({ path: screenshot });
      console.log(`workbench loaded in ${Date.now() - started} ms; screenshot ${screenshot}`);
    } finally {
      await browser.close();
      await server.stop();
      run.remove();
    }
    return;
  }
  const stop = async () => {
    await server.stop();
    run.remove();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log('Press Ctrl+C to stop.');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
