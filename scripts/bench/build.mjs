import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Rebuilds dist/ (npm run build) when it is missing or older than the sources it is bundled from, so a benchmark never measures stale code. */
export function ensureBuild(root, log) {
  const cli = path.join(root, 'dist/cli.js');
  const built = Math.min(...['dist/cli.js', 'dist/server.js'].map((f) => (fs.existsSync(path.join(root, f)) ? fs.statSync(path.join(root, f)).mtimeMs : -1)));
  const newest = Math.max(
    ...['server/src', 'client/src'].filter((dir) => fs.existsSync(path.join(root, dir))).flatMap((dir) =>
      fs
        .readdirSync(path.join(root, dir), { recursive: true })
        .filter((f) => String(f).endsWith('.ts'))
        .map((f) => fs.statSync(path.join(root, dir, String(f))).mtimeMs),
    ),
  );
  if (built >= newest) return;
  log('Building dist/ (npm run build)…');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !fs.existsSync(cli)) throw new Error('npm run build failed');
}

/**
 * Copies dist/cli.js (and its source map) to bench-data/bundle/, so a rebuild of dist/ by
 * someone else during a long run cannot change what is measured halfway through. The copy
 * still finds the package's version: it looks for package.json above itself.
 */
export function snapshotCli(root) {
  const dir = path.join(root, 'bench-data', 'bundle');
  fs.mkdirSync(dir, { recursive: true });
  const cli = path.join(dir, 'cli.js');
  fs.copyFileSync(path.join(root, 'dist/cli.js'), cli);
  const mapFile = path.join(root, 'dist/cli.js.map');
  if (fs.existsSync(mapFile)) {
    // The map's sources are relative to dist/; made absolute, they still name the right files from the copy.
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
    map.sources = map.sources.map((s) => path.resolve(root, 'dist', map.sourceRoot ?? '', s));
    delete map.sourceRoot;
    fs.writeFileSync(`${cli}.map`, JSON.stringify(map));
  }
  const text = fs.readFileSync(cli, 'utf8');
  const minified = text.split('\n', 20).some((line) => line.length > 2000);
  const built = fs.statSync(path.join(root, 'dist/cli.js')).mtime;
  return { cli, description: `dist/cli.js of ${built.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${minified ? 'minified' : 'not minified'}` };
}
