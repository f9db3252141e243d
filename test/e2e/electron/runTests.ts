/**
 * Runs the extension-host suite (suite/*.test.ts) in VS Code desktop, downloaded by
 * @vscode/test-electron, on a copy of the fixture workspace: `npm run test:e2e:electron`.
 * For contributors whose machines can download VS Code; CI uses the code-server suite instead
 * (vscode.test.ts), which checks the same scenarios through the UI. Needs a display (use
 * `xvfb-run -a npm run test:e2e:electron` on a headless Linux machine).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from '../support/cache';
import { makeRunDir } from '../support/workspace';

async function main(): Promise<void> {
  const run = makeRunDir('electron');
  const userDataDir = path.join(run.root, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'update.mode': 'none' }, null, 2),
  );
  try {
    await runTests({
      version: process.env.E2E_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [run.workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userDataDir, '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { POLICY_LINT_E2E_WORKSPACE: run.workspace },
    });
  } finally {
    run.remove();
  }
}

main().catch((error) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message);
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|download/i.test(message)) {
    console.error('VS Code desktop could not be downloaded: this suite needs network access to the VS Code update service. Without it, run `npm run test:e2e` (the same scenarios in code-server).');
  }
  process.exit(1);
});
