/**
 * Config file names, in the order they are looked for in a folder: the one list for the
 * CLI (server/src/node/configFiles.ts), the server and both extensions. A module of its
 * own, free of Node and of the engine, so browser code can import it.
 */
export const CONFIG_FILE_NAMES: readonly string[] = [
  '.policylintrc.json',
  '.policylintrc.yaml',
  '.policylintrc.yml',
  'policy-lint.config.json',
  'policy-lint.config.yaml',
  'policy-lint.config.yml',
];

/** A glob matching every config file in any folder, for file watchers. */
export const CONFIG_FILES_GLOB = `**/{${CONFIG_FILE_NAMES.join(',')}}`;
