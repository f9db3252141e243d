import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_NAME, SINGLE_FILE_SUFFIX } from '../../server/src/packs';

/**
 * Finds the packs a configured path stands for: a pack folder (holding policy-pack.json),
 * a `*.policypack.json` file, or a folder of packs (each sub-folder with policy-pack.json,
 * and each `*.policypack.json` in it), e.g. a shared drive or a cloned repository.
 * File system only, no vscode, so it is unit-tested on temporary folders.
 */
export async function discoverPacksAt(entry: string): Promise<{ manifests: string[]; problem?: string }> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(entry);
  } catch {
    return { manifests: [], problem: `${entry}: the snippet pack path does not exist.` };
  }
  if (stat.isFile()) {
    const base = path.basename(entry);
    if (base === MANIFEST_NAME || base.endsWith(SINGLE_FILE_SUFFIX)) return { manifests: [entry] };
    return { manifests: [], problem: `${entry}: not a snippet pack (expected a folder, ${MANIFEST_NAME} or a *${SINGLE_FILE_SUFFIX} file).` };
  }
  if (!stat.isDirectory()) return { manifests: [], problem: `${entry}: not a file or folder.` };
  const own = path.join(entry, MANIFEST_NAME);
  if (await isFile(own)) return { manifests: [own] };
  let children: fs.Dirent[];
  try {
    children = await fs.promises.readdir(entry, { withFileTypes: true });
  } catch (e) {
    return { manifests: [], problem: `${entry}: cannot list the folder (${(e as Error).message}).` };
  }
  const manifests: string[] = [];
  for (const c of children.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(entry, c.name);
    if (c.isFile() && c.name.endsWith(SINGLE_FILE_SUFFIX)) manifests.push(full);
    else if (c.isDirectory() && (await isFile(path.join(full, MANIFEST_NAME)))) manifests.push(path.join(full, MANIFEST_NAME));
  }
  return manifests.length ? { manifests } : { manifests: [], problem: `${entry}: no snippet packs found (no ${MANIFEST_NAME} or *${SINGLE_FILE_SUFFIX} in the folder or its sub-folders).` };
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Resolves a configured path: `~` is the home folder, relative paths are against `base`. */
export function resolveConfiguredPath(p: string, base: string | undefined, home: string): string {
  const expanded = p === '~' ? home : p.startsWith('~/') || p.startsWith('~\\') ? path.join(home, p.slice(2)) : p;
  return path.resolve(base ?? home, expanded);
}

/** Whether `p` is inside one of `folders` (or is one). */
export function isInside(p: string, folders: readonly string[]): boolean {
  return folders.some((f) => {
    const rel = path.relative(f, p);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}

/** The pack a file belongs to: walks up from it to the nearest policy-pack.json, or the file itself if it is a single-file pack. */
export async function packOfFile(file: string, stopAt?: string): Promise<string | undefined> {
  if (file.endsWith(SINGLE_FILE_SUFFIX)) return file;
  let dir = path.dirname(file);
  for (let i = 0; i < 12; i++) {
    const manifest = path.join(dir, MANIFEST_NAME);
    if (await isFile(manifest)) return manifest;
    const parent = path.dirname(dir);
    if (parent === dir || (stopAt && path.resolve(dir) === path.resolve(stopAt))) return undefined;
    dir = parent;
  }
  return undefined;
}
