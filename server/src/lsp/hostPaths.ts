import { URI, Utils } from 'vscode-uri';

/**
 * Workspace locations as URIs, so the same code serves `file:` folders under Node and
 * virtual ones (`vscode-vfs:` on github.dev, `memfs:`…) in the browser. Paths compared
 * and matched against globs are URI paths: `/`-separated on every platform.
 */

/** The URI path, with a Windows drive letter in lower case (as vscode-uri prints it). */
function comparablePath(u: URI): string {
  return u.path.replace(/^\/([A-Za-z]):/, (_m, d: string) => `/${d.toLowerCase()}:`).replace(/\/+$/, '');
}

/** `/`-separated path of `uri` inside `folderUri`; undefined when it is not inside (or is the folder itself). */
export function pathInFolder(folderUri: string, uri: string): string | undefined {
  const folder = URI.parse(folderUri);
  const target = URI.parse(uri);
  if (folder.scheme !== target.scheme || folder.authority.toLowerCase() !== target.authority.toLowerCase()) return undefined;
  const base = comparablePath(folder);
  const full = comparablePath(target);
  if (!full.startsWith(`${base}/`)) return undefined;
  return full.slice(base.length + 1) || undefined;
}

/** Whether `uri` is `dirUri` or lies under it. */
export function isAtOrUnder(dirUri: string, uri: string): boolean {
  return URI.parse(dirUri).toString() === URI.parse(uri).toString() || pathInFolder(dirUri, uri) !== undefined;
}

export function joinUri(dirUri: string, relative: string): string {
  return Utils.joinPath(URI.parse(dirUri), relative.replace(/\\/g, '/')).toString();
}

export function baseName(uri: string): string {
  return Utils.basename(URI.parse(uri));
}

/** How messages name a location: the file system path for `file:` URIs, the URI otherwise. */
export function displayUri(uri: string): string {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.fsPath : u.toString();
}

const HAS_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//;
const ABSOLUTE = /^(?:[a-zA-Z]:)?[\\/]/;

/**
 * A path setting (`policyLint.configPath`) as a URI: a URI stays one, an absolute path is
 * a path on the folder's file system (`file:` when there is no folder), a relative path is
 * resolved against the folder. Undefined for a relative path without a folder.
 */
export function resolvePathSetting(value: string, folderUri: string | undefined): string | undefined {
  if (HAS_SCHEME.test(value)) return URI.parse(value).toString();
  if (ABSOLUTE.test(value)) {
    const folder = folderUri ? URI.parse(folderUri) : undefined;
    if (!folder || folder.scheme === 'file') return URI.file(value).toString();
    return folder.with({ path: value.replace(/\\/g, '/') }).toString();
  }
  return folderUri ? joinUri(folderUri, value) : undefined;
}
