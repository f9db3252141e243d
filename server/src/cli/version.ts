import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/**
 * The package version, from the package.json above this file: dist/cli.js when bundled,
 * out/server/src/cli/ when compiled for tests. Read at run time rather than imported so
 * the compiled tree does not get a copy of package.json.
 */
export function packageVersion(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'policy-lint' && pkg.version) return (cached = pkg.version);
    } catch {
      // no package.json here; keep going up
    }
    if (path.dirname(dir) === dir) return (cached = '0.0.0');
  }
}
