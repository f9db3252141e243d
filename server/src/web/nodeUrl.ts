/**
 * The two functions of `node:url` the summary formatter (through cli/paths.ts) uses, for
 * the browser build, where scripts/build.mjs maps `node:url` here. Paths are the URI's
 * file system path, as vscode-uri computes it in a browser.
 */
import { URI } from 'vscode-uri';

export function fileURLToPath(url: string | URL): string {
  return URI.parse(String(url)).fsPath;
}

export function pathToFileURL(file: string): URL {
  return new URL(URI.file(file).toString());
}
