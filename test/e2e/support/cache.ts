/**
 * Paths into the editor-test cache `.vscode-test/`, made by scripts/e2e/setup.mjs
 * (`npm run e2e:setup`). Mirrors scripts/e2e/paths.mjs; keep the two in step.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.vscode-test');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
export const NVIM = process.env.E2E_NVIM ?? 'nvim';

export const NODE24 = path.join(CACHE_DIR, 'node24', 'node_modules', 'node', 'bin', 'node');
export const CODE_SERVER_ENTRY = path.join(CACHE_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const STAMP = path.join(CACHE_DIR, 'e2e-setup.json');

/** Throws with the command to run when the cache is not there, instead of failing later and obscurely. */
export function requireCache(): void {
  const missing = [STAMP, NODE24, CODE_SERVER_ENTRY, CHROMIUM].filter((f) => !fs.existsSync(f));
  if (missing.length) {
    throw new Error(`The editor-test cache is incomplete (missing ${missing.join(', ')}). Run \`npm run e2e:setup\` first.`);
  }
}
