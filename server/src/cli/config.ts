import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeConfig, type InputProblem, type ResolvedConfig, type SeveritySetting } from '../engine';
import { findConfigFile, readConfigFile } from '../node/configFiles';

export interface CliConfig {
  resolved: ResolvedConfig;
  /** Problems to print; the run goes on with defaults for the keys concerned. */
  problems: InputProblem[];
  file?: string;
}

/** A config named with --config that cannot be used at all: exit code 2. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: InputProblem[] = [],
  ) {
    super(message);
  }
}

/**
 * The run's configuration: the file named with --config, else the nearest config file at
 * or above the folder that holds every path argument (so `policy-lint examples/x` uses
 * `examples/x/.policylintrc.yaml`), or above `cwd` for globs and no arguments. A bad key is a problem and its default stands in. A named file that is
 * missing, unreadable or not JSON/YAML at all is an error: the person asked for that file,
 * and silently linting with defaults instead would pass checks it was meant to fail.
 */
export function loadCliConfig(configArg: string | undefined, cwd: string, paths: string[] = []): CliConfig {
  if (configArg !== undefined) {
    const file = path.resolve(cwd, configArg);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file);
    } catch {
      throw new ConfigError(`--config ${configArg}: no such file.`);
    }
    if (!stat.isFile()) throw new ConfigError(`--config ${configArg}: not a file.`);
    const result = readConfigFile(file);
    const fatal = result.problems.filter((p) => p.severity === 'error');
    if (fatal.length) throw new ConfigError(`--config ${configArg}: the configuration cannot be used.`, fatal);
    return { resolved: result.resolved, problems: result.problems, file };
  }
  const found = findConfigFile(searchStart(paths, cwd));
  const result = readConfigFile(found);
  return { resolved: result.resolved, problems: result.problems, file: found };
}

/** Applies --rule ID=SEVERITY overrides on top of the file's settings. */
export function withRuleOverrides(resolved: ResolvedConfig, rules: Record<string, SeveritySetting>): ResolvedConfig {
  if (!Object.keys(rules).length) return resolved;
  const over = Object.fromEntries(Object.entries(rules).map(([id, severity]) => [id, { severity }]));
  return { ...resolved, config: mergeConfig(resolved.config, { rules: over }) };
}

/** The deepest folder containing every existing path argument; `cwd` when there are none. */
export function searchStart(paths: string[], cwd: string): string {
  const dirs: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    try {
      dirs.push(fs.statSync(abs).isDirectory() ? abs : path.dirname(abs));
    } catch {
      return cwd; // a glob or a missing path: fall back to the working folder
    }
  }
  if (!dirs.length) return cwd;
  let common = dirs[0];
  for (const d of dirs.slice(1)) {
    while (common !== path.dirname(common) && path.relative(common, d).startsWith('..')) common = path.dirname(common);
  }
  return common;
}
