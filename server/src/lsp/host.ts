/**
 * What the language server needs from where it runs. The LSP layer reads the workspace
 * only through this interface: under Node (server/src/node/lspHost.ts) from the file
 * system, in a browser worker (server/src/web/browserHost.ts) by asking the editor, which
 * reads its own (possibly virtual) file system. Every feature has one code path; only the
 * host differs.
 */
export interface ServerHost {
  /** Workspace folders of this URI scheme can be listed and read (`file` under Node; any in the browser). */
  canRead(uri: string): boolean;
  /** Reads a file as UTF-8 text. Never throws: a missing, binary or unreadable file is a result. */
  readTextFile(uri: string): Promise<TextReadResult>;
  /**
   * URIs of the files under `folderUri` matching any of `include` and none of `exclude`
   * (globs relative to the folder, dot files and folders left out), sorted.
   */
  findFiles(folderUri: string, include: readonly string[], exclude: readonly string[]): Promise<string[]>;
  /** The rule's documentation page shipped with the server, as a URI the editor can open, if any. */
  localRuleDoc(ruleId: string): string | undefined;
  /** Lets queued messages run (between batches of work). */
  yieldToEvents(): Promise<void>;
  /** After bulk work (indexing): gives back the memory it used, where the runtime allows it. */
  releaseMemory(): void;
  /** Memory use for `policyLint/stats`, in bytes; 0 for what the runtime does not tell. */
  memoryUsage(): MemoryUsage;
}

/** As Node's `process.memoryUsage()`. */
export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export type TextReadResult =
  | { ok: true; text: string; /** The file starts with a UTF-8 byte order mark, removed from `text`. */ bom: boolean }
  | { ok: false; reason: TextReadFailure; message: string };

/** `missing`: no such file; `binary`: NUL bytes; `encoding`: not UTF-8; `io`: any other read error. */
export type TextReadFailure = 'missing' | 'binary' | 'encoding' | 'io';
