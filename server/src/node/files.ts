import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import picomatch from 'picomatch';

/**
 * Expands CLI arguments (files, folders, globs) to Markdown files. Folders are searched
 * with the config's include globs; exclude globs apply everywhere. Results are sorted
 * and de-duplicated so output order is stable.
 */
export async function collectFiles(args: string[], cwd: string, include: string[], exclude: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files = new Set<string>();
  const missing: string[] = [];
  const isExcluded = picomatch(exclude, { dot: true });
  const ignore = exclude;
  for (const arg of args.length ? args : ['.']) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      files.add(abs);
    } else if (stat?.isDirectory()) {
      const found = await fg(include, { cwd: abs, absolute: true, ignore, dot: false, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true });
      for (const f of found) files.add(path.resolve(f));
    } else if (fg.isDynamicPattern(arg)) {
      const found = await fg(arg, { cwd, absolute: true, ignore, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true });
      if (!found.length) missing.push(arg);
      for (const f of found) files.add(path.resolve(f));
    } else {
      missing.push(arg);
    }
  }
  const out = [...files].filter((f) => !isExcluded(path.relative(cwd, f).split(path.sep).join('/')));
  out.sort();
  return { files: out, missing };
}
