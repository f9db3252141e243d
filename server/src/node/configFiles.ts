import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultConfig, loadConfig, type InputProblem, type ResolvedConfig, type PolicyLintConfig } from '../engine';
import { CONFIG_FILE_NAMES } from '../lsp/hostConfigNames';

/** The nearest config file at or above `dir`, stopping at `stopAt` (inclusive) or the file system root. */
export function findConfigFile(dir: string, stopAt?: string): string | undefined {
  let cur = path.resolve(dir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(cur, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(cur);
    if (parent === cur || cur === stop) return undefined;
    cur = parent;
  }
}

export interface ConfigFileResult {
  resolved: ResolvedConfig;
  problems: InputProblem[];
  /** The file read, if any. */
  file?: string;
}

/**
 * Reads a config file from disk. A missing or unreadable file is a problem, never an
 * exception; the defaults stand in. `base` lets editor settings sit under the file.
 */
export function readConfigFile(file: string | undefined, base: PolicyLintConfig = defaultConfig()): ConfigFileResult {
  if (!file) return { resolved: { config: base, registryLocations: new Map() }, problems: [] };
  const uri = pathToFileURL(file).toString();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return {
      resolved: { config: base, registryLocations: new Map() },
      problems: [{ source: file, message: `${file}: cannot read the configuration (${(e as Error).message}). Using the defaults.`, severity: 'error' }],
      file,
    };
  }
  const loaded = loadConfig(text, uri, base);
  // Messages name the file by path for people; `source` stays the path too.
  return {
    resolved: loaded.resolved,
    problems: loaded.problems.map((p) => ({ ...p, source: file, message: p.message.split(uri).join(file) })),
    file,
  };
}
