import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, type RunIO } from '../../../server/src/cli/run';

/** Repository root, from out/test/unit/cli/ or test/unit/cli/. */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../../..' : '../../..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'cli');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: string[], cwd: string, extra: Partial<RunIO> & { tty?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    cwd,
    stdout: { write: (s: string) => (stdout += s), isTTY: extra.tty ?? false },
    stderr: { write: (s: string) => (stderr += s) },
    env: extra.env ?? {},
    createProject: extra.createProject,
  });
  return { code, stdout, stderr };
}

const tempDirs: string[] = [];

/** A fresh temporary folder, removed by `cleanTempDirs` (called from an `after` hook). */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-cli-'));
  tempDirs.push(dir);
  return dir;
}

/** Copies a fixture workspace into a temporary folder, so tests can change its files. */
export function workspace(fixture: string): string {
  const dir = tempDir();
  fs.cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

export function cleanTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Content, modification time and inode of every file under `dir`, to prove which files were (not) touched. */
export function snapshot(dir: string): Map<string, { mtimeMs: number; ino: number; content: Buffer }> {
  const out = new Map<string, { mtimeMs: number; ino: number; content: Buffer }>();
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    const st = fs.statSync(file);
    if (st.isFile()) out.set(name.split(path.sep).join('/'), { mtimeMs: st.mtimeMs, ino: st.ino, content: fs.readFileSync(file) });
  }
  return out;
}
