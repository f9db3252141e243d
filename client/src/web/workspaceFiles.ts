import * as vscode from 'vscode';
import { decodeTextBytes } from '../../../server/src/lsp/hostText';
import type { FindFilesParams, FindFilesResult, ReadFileParams, ReadFileResult } from '../../../server/src/lsp/protocol';

/**
 * The editor side of `policyLint/readFile` and `policyLint/findFiles`: the language
 * server in the browser worker has no file system, so it asks the extension, which reads
 * the workspace through vscode.workspace.fs and findFiles. Those work on virtual file
 * systems too (github.dev's `vscode-vfs:`). Answers are results, never errors: a file
 * that cannot be read says why.
 */
export async function readWorkspaceFile(params: ReadFileParams): Promise<ReadFileResult> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(params.uri, true);
  } catch (e) {
    return { ok: false, reason: 'io', message: `is not a valid URI (${(e as Error).message})` };
  }
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FileNotFound' || code === 'EntryNotFound' || code === 'FileNotADirectory') return { ok: false, reason: 'missing', message: `does not exist (${code})` };
    return { ok: false, reason: 'io', message: `cannot be read (${code ?? (e as Error).message})` };
  }
  return decodeTextBytes(bytes);
}

export async function findWorkspaceFiles(params: FindFilesParams): Promise<FindFilesResult> {
  const folder = vscode.Uri.parse(params.folder, true);
  // One search per include glob: VS Code's globs do not nest braces, which joining them would need.
  const exclude = params.exclude.length && params.exclude.every((g) => !/[{}]/.test(g)) ? `{${params.exclude.join(',')}}` : null;
  const found = await Promise.all(params.include.map((glob) => vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude)));
  return { uris: [...new Set(found.flat().map((u) => u.toString()))] };
}
