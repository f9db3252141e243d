// Bundles the CLI, the language server and the VS Code client with esbuild, for Node, and
// the web extension (vscode.dev, github.dev) with its language server in a web worker.
// `node scripts/build.mjs --watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.env.NODE_ENV === 'production',
  logLevel: 'info',
  legalComments: 'none',
};

// The browser bundles may use these Node modules through shared code, mapped to browser
// implementations; any other Node built-in fails the build, naming who imports it.
const BROWSER_NODE_MODULES = {
  path: 'path-browserify', // cli/paths.ts, via the summary formatter
  url: './server/src/web/nodeUrl.ts', // cli/paths.ts (fileURLToPath, pathToFileURL)
};
const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** @type {esbuild.Plugin} */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      const bare = args.path.replace(/^node:/, '');
      if (!args.path.startsWith('node:') && !NODE_BUILTINS.has(bare.split('/')[0])) return undefined;
      const mapped = BROWSER_NODE_MODULES[bare];
      if (mapped) return build.resolve(mapped, { kind: args.kind, resolveDir: REPO_ROOT });
      return { errors: [{ text: `"${args.path}" is a Node module and cannot run in the browser build (imported by ${args.importer}).` }] };
    });
  },
};

const browser = {
  platform: 'browser',
  target: 'es2022',
  // vscode-languageserver-protocol and friends pick their browser entry points this way.
  mainFields: ['browser', 'module', 'main'],
  conditions: ['browser'],
  plugins: [noNodeBuiltins],
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'development') },
};

const builds = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The CLI's worker threads (parallel.ts starts dist/lintWorker.js next to dist/cli.js).
  { entryPoints: ['server/src/cli/lintWorker.ts'], outfile: 'dist/lintWorker.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow (the bundle then
  // fails at activation with "Cannot find module './impl/format'"); its `module` build bundles.
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], mainFields: ['module', 'main'] },
  // The web extension's language server: a classic worker script. The LSP layer imports
  // vscode-languageserver/node for its types and enums; the browser entry has the same.
  {
    ...browser,
    entryPoints: ['server/src/browserServer.ts'],
    outfile: 'dist/web/server.js',
    format: 'iife',
    alias: { 'vscode-languageserver/node': 'vscode-languageserver/browser' },
  },
  // The web extension, loaded by the editor's web worker extension host (CommonJS, `vscode` provided).
  {
    ...browser,
    entryPoints: ['client/src/web/extension.ts'],
    outfile: 'dist/web/extension.js',
    format: 'cjs',
    external: ['vscode'],
    define: { ...browser.define, 'process.platform': JSON.stringify('web') },
  },
].filter((b) => existsSync(b.entryPoints[0]));

if (watch) {
  for (const b of builds) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
  // The bins run directly (`dist/cli.js`, a git hook, `policy-lint-server --stdio` from an editor).
  for (const b of builds) if (b.banner) chmodSync(b.outfile, 0o755);
}
