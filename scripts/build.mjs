// Bundles the CLI, the language server and the VS Code client with esbuild.
// `node scripts/build.mjs --watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

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
const builds = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow (the bundle then
  // fails at activation with "Cannot find module './impl/format'"); its `module` build bundles.
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], mainFields: ['module', 'main'] },
].filter((b) => existsSync(b.entryPoints[0]));

if (watch) {
  for (const b of builds) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
  // The bins run directly (`dist/cli.js`, a git hook, `policy-lint-server --stdio` from an editor).
  for (const b of builds) if (b.banner) chmodSync(b.outfile, 0o755);
}
