import { parseArgs } from 'node:util';
import { RULES, RULES_BY_ID, type SeveritySetting } from '../engine';

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface CliOptions {
  paths: string[];
  config?: string;
  format: Format;
  output?: string;
  fix: boolean;
  fixDryRun: boolean;
  maxWarnings?: number;
  baseline?: string;
  writeBaseline?: string;
  rules: Record<string, SeveritySetting>;
  quiet: boolean;
  help: boolean;
  version: boolean;
}

/** A mistake on the command line: reported with the usage text, exit code 2. */
export class UsageError extends Error {}

export function usage(): string {
  return `Usage: policy-lint [options] [paths or globs...]
       policy-lint summary [options] [paths...]   participation summary (policy-lint summary --help)
       policy-lint diff BASE [HEAD] [options]     what a change did to participation (policy-lint diff --help)

Lints Markdown policy documents: unlabelled obligations, labels that contradict
their wording, participation status that differs between documents, and
participation terms written several ways. Folders are searched for the config's
\`include\` globs (default **/*.md); the default path is the current folder.

Options:
  -c, --config FILE          Use this config file (JSON or YAML) instead of the
                             nearest .policylintrc.* / policy-lint.config.*
  -f, --format NAME          Report format: stylish (default), json, sarif
  -o, --output FILE          Write the report to FILE instead of stdout
      --fix                  Apply safe fixes to the files, then report what remains
      --fix-dry-run          Print the safe fixes as a diff; change no file
      --max-warnings N       Exit 1 when there are more than N warnings
      --baseline FILE        Hide the findings recorded in FILE
      --write-baseline FILE  Record the current findings in FILE and exit 0
      --rule ID=SEVERITY     Override a rule's severity (error, warning, info,
                             hint, off); repeatable
  -q, --quiet                Report errors only
  -h, --help                 Show this help
  -v, --version              Show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings, or a file could
not be analysed), 2 usage or configuration error.

Rules: ${RULES.map((r) => r.id).join(', ')}
Docs: docs/cli.md
`;
}

/** Parses argv (without node and the script). Throws UsageError for anything it cannot use. */
export function parseCliArgs(argv: string[]): CliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError(cleanParseError(e as Error));
  }
  const v = parsed.values;
  const format = v.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${format}".`);
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(v['max-warnings'])) throw new UsageError(`--max-warnings takes a whole number of 0 or more; got "${v['max-warnings']}".`);
    maxWarnings = Number(v['max-warnings']);
  }
  if (v.fix && v['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together: choose one.');
  const rules: Record<string, SeveritySetting> = {};
  for (const spec of v.rule ?? []) {
    const m = /^([^=]+)=(.*)$/.exec(spec);
    if (!m) throw new UsageError(`--rule takes ID=SEVERITY, e.g. --rule missing-label=error; got "${spec}".`);
    const id = m[1].trim();
    const severity = m[2].trim() as SeveritySetting;
    if (!RULES_BY_ID.has(id)) throw new UsageError(`--rule ${spec}: unknown rule "${id}". Known rules: ${RULES.map((r) => r.id).join(', ')}.`);
    if (!SEVERITY_SETTINGS.includes(severity)) throw new UsageError(`--rule ${spec}: severity must be one of ${SEVERITY_SETTINGS.join(', ')}.`);
    rules[id] = severity;
  }
  for (const key of ['config', 'output', 'baseline', 'write-baseline'] as const) {
    if (v[key] === '') throw new UsageError(`--${key} needs a file name.`);
  }
  return {
    paths: parsed.positionals,
    config: v.config,
    format: format as Format,
    output: v.output,
    fix: v.fix ?? false,
    fixDryRun: v['fix-dry-run'] ?? false,
    maxWarnings,
    baseline: v.baseline,
    writeBaseline: v['write-baseline'],
    rules,
    quiet: v.quiet ?? false,
    help: v.help ?? false,
    version: v.version ?? false,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string', short: 'c' },
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      'max-warnings': { type: 'string' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      rule: { type: 'string', multiple: true },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

/** Node's messages go on to suggest `--` for positionals that start with a dash; keep the first sentence. */
function cleanParseError(e: Error): string {
  return `${e.message.split('. To specify')[0].replace(/\.$/, '')}.`;
}
