import type { ResolvedConfig, SeveritySetting } from '../engine';
import { collectFiles } from '../node/files';
import { readTextFiles } from '../node/readTextFiles';
import { ConfigError, loadCliConfig, withRuleOverrides } from './config';
import type { RunNotification } from './formatters/report';
import { displayPath } from './paths';
import { formatProblem, problemNotification } from './problems';
import type { RunIO } from './run';
import { LintSession } from './session';

export interface WorkspaceRequest {
  paths: string[];
  config?: string;
  rules?: Record<string, SeveritySetting>;
}

export interface LoadedWorkspace {
  session: LintSession;
  resolved: ResolvedConfig;
  notifications: RunNotification[];
}

/** Why a workspace could not be loaded at all: a usage or configuration error (exit 2), already printed. */
export class WorkspaceError extends Error {}

/**
 * What every command does first: find and load the configuration, expand the paths to
 * files, read them, and put them in one session. Problems are printed to stderr as
 * `file:line:col: severity: message` and collected as notifications for the report; a bad
 * file is skipped with a warning and never blocks the others.
 */
export async function loadWorkspace(req: WorkspaceRequest, io: RunIO, cwd: string): Promise<LoadedWorkspace> {
  const err = (line: string) => io.stderr.write(`${line}\n`);
  const notifications: RunNotification[] = [];
  let config: ReturnType<typeof loadCliConfig>;
  try {
    config = loadCliConfig(req.config, cwd, req.paths);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const p of e.problems) err(formatProblem(p, cwd));
    throw new WorkspaceError(e.message);
  }
  for (const p of config.problems) {
    err(formatProblem(p, cwd));
    notifications.push(problemNotification(p, true));
  }
  const resolved = withRuleOverrides(config.resolved, req.rules ?? {});
  const { include, exclude } = resolved.config;
  const { files, missing } = await collectFiles(req.paths, cwd, include, exclude);
  if (missing.length) throw new WorkspaceError(`no such file or folder, and no file matches: ${missing.join(', ')}`);
  if (!files.length) err(`policy-lint: warning: no files to lint (include: ${include.join(', ')}).`);
  const session = new LintSession(resolved, io.createProject);
  for (const r of await readTextFiles(files)) {
    if (r.ok) {
      session.add(r.file, r.text, r.bom);
    } else {
      err(`${displayPath(r.file, cwd)}: warning: skipped: the file ${r.message}.`);
      notifications.push({ level: 'warning', message: `Skipped: the file ${r.message}.`, file: r.file });
    }
  }
  return { session, resolved, notifications };
}
