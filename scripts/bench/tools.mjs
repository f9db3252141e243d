/**
 * The benchmarked tools: how each is run over a set of corpus folders, which exit codes
 * mean "ran to the end" (1 = found problems, for the linters), and how many findings its
 * output holds, which shows each one really linted the files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/**
 * @param {string} root the repository root; every path given to a tool is relative to it.
 * @param {string} cli the policy-lint bundle to run (a snapshot of dist/cli.js).
 */
export function defineTools(root, cli) {
  const rel = (p) => path.relative(root, p) || '.';
  return {
    floor: {
      label: 'floor: read + 1 regex',
      script: path.join(root, 'scripts/bench/floor.mjs'),
      args: (dirs) => dirs.map(rel),
      okCodes: [0],
      findings: (out) => readJson(out).matches,
      findingsNote: 'modal-verb matches',
    },
    ours: {
      label: 'policy-lint (ours)',
      script: cli,
      args: (dirs) => [...dirs.map(rel), '--format', 'json'],
      okCodes: [0, 1],
      findings: (out) => readJson(out).length,
    },
    startup: {
      label: 'policy-lint --version (startup)',
      script: cli,
      args: () => ['--version'],
      okCodes: [0],
      findings: () => NaN,
    },
    textlint: {
      label: 'textlint + terminology',
      script: path.join(root, 'node_modules/textlint/bin/textlint.js'),
      args: (dirs) => ['--config', 'scripts/bench/textlintrc.json', '--format', 'json', ...dirs.map(rel)],
      okCodes: [0, 1],
      findings: (out) => readJson(out).reduce((n, file) => n + file.messages.length, 0),
    },
    markdownlint: {
      label: 'markdownlint-cli2',
      script: path.join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'),
      args: (dirs) => ['--config', 'scripts/bench/bench.markdownlint-cli2.jsonc', ...dirs.map((d) => `${rel(d)}/**/*.md`)],
      okCodes: [0, 1],
      findings: (out) => {
        const m = /Summary: (\d+) error/.exec(fs.readFileSync(out, 'utf8'));
        if (!m) throw new Error('no "Summary: N error(s)" line in its output');
        return Number(m[1]);
      },
    },
  };
}
