import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces a file's content atomically: the text goes to a temporary file in the same
 * folder (same file system, so the rename is atomic), which then replaces the original.
 * Readers see the old or the new file, never half of one; on failure the temporary file
 * is removed and the original is left as it was. The original's permissions are kept.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
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
    await fsp.rename(temp, file);
  } catch (e) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}
