import type { ResolvedConfig, SeveritySetting } from '../engine';
import { collectFiles } from '../node/files';
import { readTextFileSync } from '../node/readTextFiles';
import { ConfigError, loadCliConfig, withRuleOverrides } from './config';
import type { RunNotification } from './formatters/report';
import { displayPath } from './paths';
import { formatProblem, problemNotification } from './problems';
import type { RunIO } from './run';
import { analyseInWorkers, workerCount } from './parallel';
import { LintSession } from './session';

export interface WorkspaceRequest {
  paths: string[];
  config?: string;
  rules?: Record<string, SeveritySetting>;
  /** Analyse on worker threads when the run is big enough: for commands that need only findings and statements, not whole models. */
  parallel?: boolean;
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
  const skipped = (file: string, message: string) => {
    err(`${displayPath(file, cwd)}: warning: skipped: the file ${message}.`);
    notifications.push({ level: 'warning', message: `Skipped: the file ${message}.`, file });
  };
  const threads = req.parallel && !io.createProject ? workerCount(files.length, io.env ?? process.env) : 0;
  if (threads > 1) {
    const { results, ruleFailures } = await analyseInWorkers(files, resolved, threads);
    for (const r of results) {
      if (!r.ok) skipped(r.file, r.message);
      else if ('facts' in r) session.addAnalysed(r.file, r.facts, r.bom);
      else session.recordFailure(r.file, `could not be analysed: ${r.failure}`);
    }
    for (const f of ruleFailures) session.recordFailure(f.file, f.message);
  } else {
    // Each file read (blocking: nothing else runs meanwhile) and analysed before the next.
    for (const file of files) {
      const r = readTextFileSync(file);
      if (r.ok) session.add(r.file, r.text, r.bom);
      else skipped(r.file, r.message);
    }
  }
  return { session, resolved, notifications };
}
