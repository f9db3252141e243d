/**
 * Screenshots of the participation summary for the README: the Explorer view and the matrix
 * on the example workspace (examples/secure-communities), in code-server with the packaged
 * extension, driven by Chromium (the editor-test cache: `npm run e2e:setup`).
 *
 *   npm run build && npx tsc -p . && node out/scripts/e2e/screenshot-summary.js [--out-dir docs/images]
 *
 * Writes summary-view.png and summary-matrix.png. Works on a temporary copy of the example,
 * so nothing in the repository but the images changes. Waits on the DOM, never fixed sleeps.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openWorkbench } from '../../test/e2e/support/browser';
import { REPO_ROOT, requireCache } from '../../test/e2e/support/cache';
import { installExtension, prepareProfile, startCodeServer, WORKBENCH_SETTINGS } from '../../test/e2e/support/codeServer';
import { matrixFrame, SummaryViewDriver } from '../../test/e2e/support/summaryView';
import { ensureVsix } from '../../test/e2e/support/vsix';
import { Workbench } from '../../test/e2e/support/workbench';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'secure-communities');
/** The document beside the view, and the contradictory aspect to show opened. */
const DOCUMENT = 'outreach.md';
const CONTRADICTORY_ASPECT = 'Fingerprint sharing';
const SIDEBAR_WIDTH = 640;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  requireCache();
  const outDir = path.resolve(option('--out-dir', path.join(REPO_ROOT, 'docs', 'images')));
  fs.mkdirSync(outDir, { recursive: true });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-screenshot-'));
  const workspace = path.join(root, 'secure-communities');
  fs.cpSync(EXAMPLE, workspace, { recursive: true });
  // The example's documents carry no `policy: true` and sit in no policies/ folder: say which files are policy documents, as a user would.
  const dirs = prepareProfile(root, { ...WORKBENCH_SETTINGS, 'policyLint.files': ['*.md'] });
  await installExtension(ensureVsix(), dirs);
  const server = await startCodeServer(workspace, dirs, path.join(root, 'code-server.log'));
  const browser = await openWorkbench(server.url);
  try {
    const page = browser.page;
    const wb = new Workbench(page, path.join(root, 'steps'));
    const view = new SummaryViewDriver(page);
    await wb.ready();
    await wb.openFile(DOCUMENT);
    await wb.command('Policy Lint: Show Participation Summary');
    await view.expand();
    await view.waitForRows((rows) => rows.some((r) => r.label.startsWith(`${CONTRADICTORY_ASPECT}, Contradictory`)), `${CONTRADICTORY_ASPECT} marked contradictory`, 60_000);
    // Room for the view: fold the file list and widen the side bar.
    const folders = page.locator('.pane-header', { hasText: path.basename(workspace) }).first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    await widenSideBar(wb, SIDEBAR_WIDTH);
    // Squiggles and the status bar settle once diagnostics are in.
    await wb.waitForSquiggles((s) => s.length > 0, 'squiggles in the document', 30_000);
    // Focus back in the editor, so the side bar's edge is not drawn highlighted.
    await wb.focusEditor();
    await page.mouse.move(0, 0);
    const viewFile = path.join(outDir, 'summary-view.png');
    await page.screenshot({ path: viewFile });
    console.log(`wrote ${path.relative(process.cwd(), viewFile)}`);

    await wb.command('Policy Lint: Show Participation Matrix');
    const frame = matrixFrame(page);
    await frame.locator('table').waitFor({ timeout: 30_000 });
    // The whole width for the matrix: hide the side bar (Ctrl+B, from the workbench, not the page).
    await page.locator('.part.statusbar').click({ position: { x: 700, y: 5 } });
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 30_000 });
    await frame.locator('td.status.s-contradictory').first().waitFor({ timeout: 30_000 });
    await page.mouse.move(0, 0);
    const matrixFile = path.join(outDir, 'summary-matrix.png');
    const editor = page.locator('.part.editor');
    await editor.screenshot({ path: matrixFile });
    console.log(`wrote ${path.relative(process.cwd(), matrixFile)}`);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Drags the sash between the side bar and the editor until the side bar is `width` pixels wide. */
async function widenSideBar(wb: Workbench, width: number): Promise<void> {
  const sidebar = wb.page.locator('.part.sidebar');
  const box = await sidebar.boundingBox();
  if (!box) throw new Error('No side bar on screen');
  const y = box.y + box.height / 2;
  await wb.page.mouse.move(box.x + box.width, y);
  await wb.page.mouse.down();
  await wb.page.mouse.move(box.x + width, y, { steps: 8 });
  await wb.page.mouse.up();
  const after = await sidebar.boundingBox();
  if (!after || after.width < width - 40) throw new Error(`The side bar is ${after?.width} px wide after dragging its edge, not ${width}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
