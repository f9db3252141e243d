import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function fileUri(file: string): string {
  // A normalised absolute POSIX path of plain characters is its own URI path (pathToFileURL,
  // which resolves, parses and serialises a URL, was 12 ms of a 2,000-file run).
  if (path.sep === '/' && PLAIN_ABSOLUTE.test(file)) return `file://${file}`;
  return pathToFileURL(file).toString();
}

/** Segments of letters, digits, "_", "-" and ".", none empty, none starting with a dot ('.', '..', hidden names go the long way). */
const PLAIN_ABSOLUTE = /^(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]*)+$/;

/** File system path of a file: URI; other URIs (untitled:, https:) stay as they are. */
export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** How reports name a file: relative to `base` with forward slashes, on every platform. */
export function displayPath(uriOrPath: string, base: string): string {
  // Asked once per finding (sorting, then formatting): 20,000 findings name 2,000 files.
  // Keyed by base, then path: no key string to build per call.
  let forBase = displayed.get(base);
  if (!forBase) {
    if (displayed.size >= 16) displayed.clear();
    displayed.set(base, (forBase = new Map()));
  }
  let shown = forBase.get(uriOrPath);
  if (shown === undefined) {
    if (forBase.size >= 50_000) forBase.clear();
    forBase.set(uriOrPath, (shown = computeDisplayPath(uriOrPath, base)));
  }
  return shown;
}

const displayed = new Map<string, Map<string, string>>();

function computeDisplayPath(uriOrPath: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]+:/i.test(uriOrPath) && !uriOrPath.startsWith('file:')) return uriOrPath;
  const abs = uriToPath(uriOrPath);
  const rel = path.relative(base, abs);
  return (rel || path.basename(abs)).split(path.sep).join('/');
}
