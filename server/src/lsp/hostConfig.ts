import { defaultConfig, loadConfig, type InputProblem, type PolicyLintConfig, type ResolvedConfig } from '../engine';
import type { ServerHost, TextReadResult } from './host';
import { CONFIG_FILE_NAMES } from './hostConfigNames';
import { displayUri, joinUri } from './hostPaths';


export interface ConfigFileRead {
  uri: string;
  result: TextReadResult;
}

/** The first config file in the folder itself (not above it: the workspace folder is the project's root). */
export async function findConfigFileIn(host: ServerHost, folderUri: string): Promise<ConfigFileRead | undefined> {
  for (const name of CONFIG_FILE_NAMES) {
    const uri = joinUri(folderUri, name);
    const result = await host.readTextFile(uri);
    // A file that exists but cannot be read is still the config file: it is reported, not skipped.
    if (result.ok || result.reason !== 'missing') return { uri, result };
  }
  return undefined;
}

export interface LoadedConfigFile {
  resolved: ResolvedConfig;
  problems: InputProblem[];
}

/**
 * The configuration from a config file's read result. A missing or unreadable file is a
 * problem, never an exception; the defaults stand in. Messages name the file by path for
 * people (by URI when it is not on disk); `source` is its URI.
 */
export function configFromRead(read: ConfigFileRead | undefined, base: PolicyLintConfig = defaultConfig()): LoadedConfigFile {
  if (!read) return { resolved: { config: base, registryLocations: new Map() }, problems: [] };
  const shown = displayUri(read.uri);
  if (!read.result.ok) {
    return {
      resolved: { config: base, registryLocations: new Map() },
      problems: [{ source: read.uri, message: `${shown}: cannot read the configuration (${read.result.message}). Using the defaults.`, severity: 'error' }],
    };
  }
  const loaded = loadConfig(read.result.text, read.uri, base);
  return {
    resolved: loaded.resolved,
    problems: loaded.problems.map((p) => ({ ...p, source: read.uri, message: p.message.split(read.uri).join(shown) })),
  };
}
