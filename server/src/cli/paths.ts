import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function fileUri(file: string): string {
  return pathToFileURL(file).toString();
}

/** File system path of a file: URI; other URIs (untitled:, https:) stay as they are. */
export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** How reports name a file: relative to `base` with forward slashes, on every platform. */
export function displayPath(uriOrPath: string, base: string): string {
  // Asked once per finding (sorting, then formatting): 20,000 findings name 2,000 files.
  const key = `${base}\0${uriOrPath}`;
  let shown = displayed.get(key);
  if (shown === undefined) {
    if (displayed.size >= 50_000) displayed.clear();
    displayed.set(key, (shown = computeDisplayPath(uriOrPath, base)));
  }
  return shown;
}

const displayed = new Map<string, string>();

function computeDisplayPath(uriOrPath: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]+:/i.test(uriOrPath) && !uriOrPath.startsWith('file:')) return uriOrPath;
  const abs = uriToPath(uriOrPath);
  const rel = path.relative(base, abs);
  return (rel || path.basename(abs)).split(path.sep).join('/');
}
