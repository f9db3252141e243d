/**
 * Config file names, in the order they are looked for in a folder. The same list as
 * server/src/node/configFiles.ts (the CLI's), which cannot be imported by code that runs
 * in the browser: it reads the disk with node:fs. test/e2e/web.test.ts keeps the two
 * equal. A module of its own so the web extension can use it without the engine.
 */
export const CONFIG_FILE_NAMES: readonly string[] = [
  '.policylintrc.json',
  '.policylintrc.yaml',
  '.policylintrc.yml',
  'policy-lint.config.json',
  'policy-lint.config.yaml',
  'policy-lint.config.yml',
];
