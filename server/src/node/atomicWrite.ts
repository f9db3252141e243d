import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

/** The file on disk is no longer what the caller read: it was not overwritten. */
export class FileChangedError extends Error {
  constructor(readonly file: string) {
    super('the file changed on disk after it was read; it was not overwritten (run again to fix the new content)');
    this.name = 'FileChangedError';
  }
}

export interface AtomicWriteOptions {
  /**
   * What the file held when it was read. The file is compared with it just before it is
   * replaced, and left alone if it differs (or is gone): an editor or another tool saved
   * it meanwhile, and those words must not be lost. What remains is the short window
   * between that comparison and the rename, which no portable file API closes.
   */
  expected?: string;
}

/**
 * Replaces a file's content atomically: the text goes to a temporary file in the same
 * folder (same file system, so the rename is atomic), which then replaces the original.
 * Readers see the old or the new file, never half of one; on failure the temporary file
 * is removed and the original is left as it was. The original's permissions are kept.
 */
export async function writeFileAtomic(file: string, text: string, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await fsp.stat(file)).mode & 0o7777;
  } catch {
    mode = undefined; // a new file gets the default mode
  }
  try {
    await fsp.writeFile(temp, text, { encoding: 'utf8', mode, flag: 'wx' });
    if (mode !== undefined) await fsp.chmod(temp, mode); // writeFile's mode is masked by umask
    if (options.expected !== undefined && !(await holds(file, options.expected))) throw new FileChangedError(file);
    await fsp.rename(temp, file);
  } catch (e) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** Whether the file's bytes are exactly `text` in UTF-8 (false when it cannot be read). */
async function holds(file: string, text: string): Promise<boolean> {
  try {
    return (await fsp.readFile(file)).equals(Buffer.from(text, 'utf8'));
  } catch {
    return false;
  }
}
