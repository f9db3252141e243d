/**
 * Config file names, in the order they are looked for in a folder: the one list for the
 * CLI (server/src/node/configFiles.ts re-exports it), the server and the web extension. A
 * module of its own, free of Node and of the engine, so browser code can import it.
 */
export const CONFIG_FILE_NAMES: readonly string[] = [
  '.policylintrc.json',
  '.policylintrc.yaml',
  '.policylintrc.yml',
  'policy-lint.config.json',
  'policy-lint.config.yaml',
  'policy-lint.config.yml',
];
