import { isUtf8 } from 'node:buffer';
import { promises as fsp, readFileSync } from 'node:fs';

export type TextFileResult =
  | { file: string; ok: true; text: string; /** The file starts with a UTF-8 byte order mark, removed from `text`. */ bom: boolean }
  | { file: string; ok: false; reason: 'binary' | 'encoding' | 'io'; message: string };

const BOM = '\uFEFF';

/**
 * Reads files as UTF-8 text, `concurrency` at a time, each once. A file with NUL bytes
 * (binary) or invalid UTF-8 is refused with a reason rather than decoded into garbage
 * that a fix could then write back; an I/O error is a result, never an exception.
 */
export async function readTextFiles(files: string[], concurrency = 64): Promise<TextFileResult[]> {
  const out: TextFileResult[] = new Array(files.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < files.length) {
      const i = next++;
      out[i] = await readTextFile(files[i]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return out;
}

export async function readTextFile(file: string): Promise<TextFileResult> {
  let buf: Buffer;
  try {
    buf = await fsp.readFile(file);
  } catch (e) {
    return ioFailure(file, e);
  }
  return decode(file, buf);
}

/**
 * `readTextFile`, blocking. For a command-line run that has nothing else to do meanwhile:
 * 2,000 files of 10 KB are read in 40 ms this way and in 150 ms (twice the CPU) with
 * fs.promises, whose every file is several thread-pool round trips.
 */
export function readTextFileSync(file: string): TextFileResult {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    return ioFailure(file, e);
  }
  return decode(file, buf);
}

function ioFailure(file: string, e: unknown): TextFileResult {
  return { file, ok: false, reason: 'io', message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
}

function decode(file: string, buf: Buffer): TextFileResult {
  if (buf.includes(0)) return { file, ok: false, reason: 'binary', message: 'looks binary (it contains NUL bytes)' };
  if (!isUtf8(buf)) return { file, ok: false, reason: 'encoding', message: 'is not valid UTF-8' };
  const text = buf.toString('utf8');
  return text.startsWith(BOM) ? { file, ok: true, text: text.slice(1), bom: true } : { file, ok: true, text, bom: false };
}
