import * as fs from 'node:fs';
import * as path from 'node:path';
import { participationSummary } from '../../engine';
import type { RunIO } from '../run';
import { parseSubcommand } from '../subcommand';
import { loadWorkspace, WorkspaceError } from '../workspace';
import { formatSummary, SUMMARY_FORMATS, type SummaryFormat } from '../../node/summaryFormats';

export function summaryUsage(): string {
  return `Usage: policy-lint summary [options] [paths or globs...]

Writes the participation summary: every program and aspect the documents give a
status, whether it is mandatory, optional, contradictory or unclear, and where
each status is stated. Publish it as the guidance that says which aspects are
optional.

Options:
  -f, --format NAME   markdown (default), csv, json, html (a colour matrix)
  -o, --output FILE   Write to FILE instead of stdout
  -c, --config FILE   Use this config file
  -h, --help          Show this help

Exit codes: 0 written (1 when any aspect is contradictory and --fail-on-contradiction
is given), 2 usage or configuration error.
`;
}

export async function runSummary(argv: string[], io: RunIO): Promise<number> {
  const err = (line: string) => io.stderr.write(`${line}\n`);
  const parsed = parseSubcommand(
    'summary',
    argv,
    { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, config: { type: 'string', short: 'c' }, 'fail-on-contradiction': { type: 'boolean' } },
    summaryUsage,
    io,
    SUMMARY_FORMATS,
  );
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as { format?: string; output?: string; config?: string; 'fail-on-contradiction'?: boolean };
  const positionals = parsed.positionals;
  const format = (values.format ?? 'markdown') as SummaryFormat;
  const cwd = path.resolve(io.cwd);
  let loaded;
  try {
    loaded = await loadWorkspace({ paths: positionals, config: values.config }, io, cwd);
  } catch (e) {
    if (!(e instanceof WorkspaceError)) throw e;
    err(`policy-lint summary: ${e.message}`);
    return 2;
  }
  const rows = participationSummary(loaded.session.project);
  const text = formatSummary(rows, format, cwd);
  if (values.output) {
    try {
      const file = path.resolve(cwd, values.output);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    } catch (e) {
      err(`policy-lint summary: --output ${values.output}: cannot write it (${(e as Error).message}).`);
      return 2;
    }
  } else {
    io.stdout.write(text);
  }
  return values['fail-on-contradiction'] && rows.some((r) => r.status === 'contradictory') ? 1 : 0;
}
