import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding, Project, ResolvedConfig } from '../engine';
import { parseCliArgs, usage, UsageError, type CliOptions } from './args';
import { applyBaseline, BaselineError, readBaseline, writeBaseline, type BaselineFile } from './baseline';
import { unifiedDiff } from './diff';
import { changedDocuments, fixInMemory, MAX_FIX_PASSES, writeFixedFiles } from './fix';
import { formatJson } from './formatters/json';
import type { Report, RunNotification } from './formatters/report';
import { countBySeverity } from './formatters/report';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import { displayPath } from './paths';
import { formatProblem, problemNotification } from './problems';
import { runDiff } from './review/command';
import { runSummary } from './summary/command';
import { loadWorkspace, WorkspaceError, type LoadedWorkspace } from './workspace';
import { packageVersion } from './version';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface RunIO {
  cwd: string;
  stdout: OutStream;
  stderr: OutStream;
  env?: Record<string, string | undefined>;
  /** For tests: builds the run's Project (e.g. one that fails on a given document). */
  createProject?: (resolved: ResolvedConfig) => Project;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Runs the CLI in-process. Resolves to the exit code; never rejects for bad input. */
export async function run(argv: string[], io: RunIO): Promise<number> {
  if (argv[0] === 'summary') return runSummary(argv.slice(1), io);
  if (argv[0] === 'diff') return runDiff(argv.slice(1), io);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  let opts: CliOptions;
  try {
    opts = parseCliArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`policy-lint: ${e.message}\n\n${usage()}`);
    return EXIT_USAGE;
  }
  if (opts.help) {
    io.stdout.write(usage());
    return EXIT_OK;
  }
  if (opts.version) {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  const cwd = path.resolve(io.cwd);
  const rel = (p: string) => displayPath(p, cwd);

  let baseline: { file: string; data: BaselineFile } | undefined;
  if (opts.baseline !== undefined) {
    const file = path.resolve(cwd, opts.baseline);
    try {
      baseline = { file, data: readBaseline(file) };
    } catch (e) {
      if (!(e instanceof BaselineError)) throw e;
      err(`policy-lint: --baseline ${e.message.split(file).join(opts.baseline)}`);
      return EXIT_USAGE;
    }
  }

  let loaded: LoadedWorkspace;
  try {
    loaded = await loadWorkspace({ paths: opts.paths, config: opts.config, rules: opts.rules, parallel: true }, io, cwd);
  } catch (e) {
    if (!(e instanceof WorkspaceError)) throw e;
    err(`policy-lint: ${e.message}`);
    return EXIT_USAGE;
  }
  const { session, notifications } = loaded;

  let writeFailed = false;
  if (opts.fix || opts.fixDryRun) {
    const outcome = fixInMemory(session);
    if (outcome.limitReached) err(`policy-lint: warning: safe fixes were still changing the text after ${MAX_FIX_PASSES} passes; stopped there.`);
    for (const uri of outcome.rolledBack) err(`${rel(uri)}: warning: its fixes were not applied because the fixed text could not be analysed.`);
    const changed = changedDocuments(session);
    if (opts.fixDryRun) {
      for (const d of changed) io.stdout.write(unifiedDiff(d.original, d.text, `a/${rel(d.file)}`, `b/${rel(d.file)}`));
    } else {
      for (const f of await writeFixedFiles(changed)) {
        writeFailed = true;
        err(`${rel(f.file)}: error: could not write the fixed file: ${f.message}`);
        notifications.push({ level: 'error', message: `Could not write the fixed file: ${f.message}`, file: f.file });
      }
    }
  }

  const all = session.allFindings();
  for (const d of session.documents()) {
    for (const p of session.project.model(d.uri)?.problems ?? []) {
      err(formatProblem(p, cwd));
      notifications.push(problemNotification(p, false));
    }
  }
  const failures = new Map(session.failures.map((f) => [`${f.file}\0${f.message}`, f]));
  for (const f of failures.values()) {
    err(`${rel(f.file)}: error: ${f.message}`);
    notifications.push({ level: 'error', message: f.message, file: f.file });
  }

  if (opts.writeBaseline !== undefined) {
    const file = path.resolve(cwd, opts.writeBaseline);
    try {
      const n = await writeBaseline(file, all);
      io.stdout.write(`Wrote ${n} ${n === 1 ? 'finding' : 'findings'} to the baseline ${rel(file)}.\n`);
    } catch (e) {
      err(`policy-lint: --write-baseline ${opts.writeBaseline}: cannot write it (${(e as Error).message}).`);
      return EXIT_USAGE;
    }
    return EXIT_OK;
  }

  const { shown, hidden } = baseline ? applyBaseline(all, baseline.data, baseline.file) : { shown: all, hidden: 0 };
  const counts = countBySeverity(shown);
  const reported = sortFindings(opts.quiet ? shown.filter((f) => f.severity === 'error') : shown, cwd);
  const report: Report = { findings: reported, cwd, fileCount: session.documents().length, hiddenByBaseline: hidden, notifications, incomplete: failures.size > 0 || writeFailed };
  const colors = { enabled: !opts.output && io.stdout.isTTY === true && (io.env ?? process.env).NO_COLOR === undefined };
  const text = opts.format === 'json' ? formatJson(report) : opts.format === 'sarif' ? formatSarif(report, packageVersion()) : formatStylish(report, colors);
  if (opts.output !== undefined) {
    const file = path.resolve(cwd, opts.output);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    } catch (e) {
      err(`policy-lint: --output ${opts.output}: cannot write the report (${(e as Error).message}).`);
      return EXIT_USAGE;
    }
  } else {
    io.stdout.write(text);
  }

  let code = EXIT_OK;
  if (counts.error > 0 || failures.size > 0 || writeFailed) code = EXIT_FINDINGS;
  if (opts.maxWarnings !== undefined && counts.warning > opts.maxWarnings) {
    err(`policy-lint: ${counts.warning} warnings, more than --max-warnings ${opts.maxWarnings}.`);
    code = EXIT_FINDINGS;
  }
  return code;
}

function sortFindings(findings: Finding[], cwd: string): Finding[] {
  const keyed = findings.map((f) => ({ f, file: displayPath(f.uri, cwd) }));
  keyed.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.f.range.start.line - b.f.range.start.line ||
      a.f.range.start.character - b.f.range.start.character ||
      (a.f.ruleId < b.f.ruleId ? -1 : a.f.ruleId > b.f.ruleId ? 1 : 0),
  );
  return keyed.map((k) => k.f);
}
