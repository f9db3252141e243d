import * as fs from 'node:fs';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { URI } from 'vscode-uri';
import type { MemoryUsage, ServerHost, TextReadResult } from '../lsp/host';
import { decodeTextBytes } from '../lsp/hostText';
import { collectGarbage } from './serverFlags';

/**
 * The language server's host under Node: workspace files are read from disk, folders
 * listed with fast-glob, and rule doc pages linked as file:// URIs of the copies shipped
 * beside the bundle.
 */
export class NodeServerHost implements ServerHost {
  private readonly localDocs = new Map<string, string | undefined>();

  constructor(
    /** Folder of the rule doc pages shipped with the server (`<bundle>/../docs/rules`), if any. */
    private readonly localDocsDir: string | undefined,
  ) {}

  canRead(uri: string): boolean {
    return URI.parse(uri).scheme === 'file';
  }

  async readTextFile(uri: string): Promise<TextReadResult> {
    if (!this.canRead(uri)) return { ok: false, reason: 'io', message: `cannot be read (not a file: URI)` };
    let bytes: Uint8Array;
    try {
      bytes = await fsp.readFile(URI.parse(uri).fsPath);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', message: `does not exist (${code})` };
      return { ok: false, reason: 'io', message: `cannot be read (${code ?? (e as Error).message})` };
    }
    return decodeTextBytes(bytes);
  }

  async findFiles(folderUri: string, include: readonly string[], exclude: readonly string[]): Promise<string[]> {
    const cwd = URI.parse(folderUri).fsPath;
    const found = await fg([...include], { cwd, absolute: true, ignore: [...exclude], onlyFiles: true, dot: false, followSymbolicLinks: false, suppressErrors: true });
    return [...new Set(found.map((f) => URI.file(path.resolve(f)).toString()))].sort();
  }

  localRuleDoc(ruleId: string): string | undefined {
    if (!this.localDocsDir) return undefined;
    if (!this.localDocs.has(ruleId)) {
      const file = path.join(this.localDocsDir, `${ruleId}.md`);
      this.localDocs.set(ruleId, fs.existsSync(file) ? URI.file(file).toString() : undefined);
    }
    return this.localDocs.get(ruleId);
  }

  yieldToEvents(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  releaseMemory(): void {
    collectGarbage();
  }

  memoryUsage(): MemoryUsage {
    return process.memoryUsage();
  }
}
