import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A revision of the documents on disk: a folder, or a git ref checked out into a temporary folder. */
export interface Revision {
  /** Folder the revision's paths are relative to (a repository root for git refs). */
  root: string;
  /** The paths to lint inside `root`. */
  paths: string[];
  label: string;
  cleanup(): void;
}

export class RevisionError extends Error {}

/**
 * `spec` is a folder or a git ref. For a ref, the files under `paths` (relative to the
 * repository) are exported with `git archive` into a temporary folder; nothing in the
 * working tree or the repository changes.
 */
export function openRevision(spec: string, paths: string[], cwd: string): Revision {
  const asFolder = path.resolve(cwd, spec);
  if (fs.existsSync(asFolder) && fs.statSync(asFolder).isDirectory()) {
    return { root: asFolder, paths: paths.length ? paths : ['.'], label: spec, cleanup: () => undefined };
  }
  let top: string;
  try {
    top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
    git(cwd, ['rev-parse', '--verify', '--quiet', `${spec}^{commit}`]);
  } catch {
    throw new RevisionError(`"${spec}" is neither a folder nor a git revision of the repository at ${cwd}.`);
  }
  const rel = (paths.length ? paths : ['.']).map((p) => path.relative(top, path.resolve(cwd, p)) || '.');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-rev-'));
  try {
    const tar = execFileSync('git', ['-C', top, 'archive', '--format=tar', spec, '--', ...rel], { maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', tmp], { input: tar });
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const message = (e as { stderr?: Buffer }).stderr?.toString().trim() || (e as Error).message;
    throw new RevisionError(`cannot read ${rel.join(', ')} at ${spec}: ${message}`);
  }
  return {
    root: tmp,
    paths: rel.map((r) => path.join(tmp, r)),
    label: spec,
    cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }),
  };
}

/** The working tree as the head revision, with paths relative to the repository root when there is one. */
export function workingTree(paths: string[], cwd: string): Revision {
  let root = cwd;
  try {
    root = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    // not a repository: paths are relative to cwd
  }
  return { root, paths: (paths.length ? paths : ['.']).map((p) => path.resolve(cwd, p)), label: 'working tree', cleanup: () => undefined };
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
