/**
 * The packaged extension under test. `npm run package` makes policy-lint.vsix at the repo
 * root; it is rebuilt when missing or older than any file that goes into it. E2E_VSIX=<file>
 * tests a given package instead (e.g. a deliberately broken one).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './cache';

export const DEFAULT_VSIX = path.join(REPO_ROOT, 'policy-lint.vsix');
const INPUT_DIRS = ['client', 'server', 'snippets', 'syntaxes', 'schemas', 'images', 'media', 'docs'];
const INPUT_FILES = ['package.json', 'package-lock.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'LICENSE.md', 'language-configuration.json', 'scripts/build.mjs'];

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) {
    if (child === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

export function vsixIsStale(vsix: string): boolean {
  if (!fs.existsSync(vsix)) return true;
  const built = fs.statSync(vsix).mtimeMs;
  return [...INPUT_DIRS, ...INPUT_FILES].some((entry) => newestMtime(path.join(REPO_ROOT, entry)) > built);
}

/** The .vsix to install; packages the extension first when needed. */
export function ensureVsix(log: (line: string) => void = console.log): string {
  const given = process.env.E2E_VSIX;
  if (given) {
    const file = path.resolve(given);
    if (!fs.existsSync(file)) throw new Error(`E2E_VSIX=${given}: no such file`);
    log(`Using E2E_VSIX=${file}`);
    return file;
  }
  if (!vsixIsStale(DEFAULT_VSIX)) return DEFAULT_VSIX;
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.package) {
    throw new Error('package.json has no "package" script, so the extension cannot be packaged into policy-lint.vsix yet.');
  }
  log('Packaging the extension (npm run package)...');
  const result = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`npm run package failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  if (!fs.existsSync(DEFAULT_VSIX)) throw new Error(`npm run package succeeded but ${DEFAULT_VSIX} does not exist`);
  return DEFAULT_VSIX;
}
