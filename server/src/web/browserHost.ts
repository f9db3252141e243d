import picomatch from 'picomatch';
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { MemoryUsage, ServerHost, TextReadResult } from '../lsp/host';
import { pathInFolder } from '../lsp/hostPaths';
import { errorText } from '../lsp/log';
import { FIND_FILES_REQUEST, READ_FILE_REQUEST, type FindFilesParams, type FindFilesResult, type ReadFileParams, type ReadFileResult } from '../lsp/protocol';
import './setImmediate';

const FAILURES = new Set(['missing', 'binary', 'encoding', 'io']);

/**
 * The language server's host in a browser worker (vscode.dev, github.dev): there is no
 * file system, so workspace files are read and listed by the editor, which the server
 * asks with `policyLint/readFile` and `policyLint/findFiles`. The editor's file system
 * may be virtual (a GitHub repository), so any scheme but `untitled` is asked for.
 * A client that does not answer makes files unreadable (each read is a result saying
 * so), never stops the server.
 */
export class BrowserServerHost implements ServerHost {
  constructor(private readonly connection: Pick<Connection, 'sendRequest'>) {}

  canRead(uri: string): boolean {
    return URI.parse(uri).scheme !== 'untitled';
  }

  async readTextFile(uri: string): Promise<TextReadResult> {
    let answer: unknown;
    try {
      answer = await this.connection.sendRequest(READ_FILE_REQUEST, { uri } satisfies ReadFileParams);
    } catch (e) {
      return { ok: false, reason: 'io', message: `cannot be read: the editor did not answer ${READ_FILE_REQUEST} (${errorText(e)})` };
    }
    return readResult(answer);
  }

  async findFiles(folderUri: string, include: readonly string[], exclude: readonly string[]): Promise<string[]> {
    const answer = (await this.connection.sendRequest(FIND_FILES_REQUEST, { folder: folderUri, include: [...include], exclude: [...exclude] } satisfies FindFilesParams)) as FindFilesResult | null;
    if (!answer || !Array.isArray(answer.uris)) throw new Error(`the editor answered ${FIND_FILES_REQUEST} with ${JSON.stringify(answer)?.slice(0, 80)}, not { uris: [...] }`);
    // Matched again here, as the Node host's fast-glob matches (dot files and folders left
    // out), whatever the editor's own search settings let through.
    const isIncluded = picomatch([...include]);
    const isExcluded = exclude.length ? picomatch([...exclude], { dot: true }) : () => false;
    const inFolder = (uri: string) => {
      const rel = pathInFolder(folderUri, uri);
      return rel !== undefined && isIncluded(rel) && !isExcluded(rel);
    };
    const uris = answer.uris.filter((u): u is string => typeof u === 'string').map((u) => URI.parse(u).toString());
    return [...new Set(uris.filter(inFolder))].sort();
  }

  /** The bundled pages are not reachable from a worker; links go to `policyLint.docsBaseUrl` or the public docs. */
  localRuleDoc(): string | undefined {
    return undefined;
  }

  /** setImmediate is web/setImmediate.ts's (a message channel task) in the worker. */
  yieldToEvents(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  /** A worker cannot ask for a collection; the browser's own heuristics apply. */
  releaseMemory(): void {}

  /**
   * A worker knows only its JavaScript heap, and only in Chromium (`performance.memory`);
   * the fields it cannot know (resident set, external, array buffers) are 0.
   */
  memoryUsage(): MemoryUsage {
    const heap = (performance as { memory?: { usedJSHeapSize: number; totalJSHeapSize: number } }).memory;
    return { rss: 0, heapTotal: heap?.totalJSHeapSize ?? 0, heapUsed: heap?.usedJSHeapSize ?? 0, external: 0, arrayBuffers: 0 };
  }
}

/** Checks the client's answer to `policyLint/readFile`: a malformed one is an `io` failure saying what came back. */
function readResult(answer: unknown): TextReadResult {
  const a = answer as Partial<ReadFileResult> | null;
  if (a && a.ok === true && typeof a.text === 'string') return { ok: true, text: a.text, bom: a.bom === true };
  if (a && a.ok === false && typeof a.reason === 'string' && FAILURES.has(a.reason)) return { ok: false, reason: a.reason, message: typeof a.message === 'string' ? a.message : a.reason };
  return { ok: false, reason: 'io', message: `cannot be read: the editor answered ${READ_FILE_REQUEST} with ${JSON.stringify(answer)?.slice(0, 80)}` };
}
