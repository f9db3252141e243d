import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { RunIO } from './run';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface SubcommandArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * Argument handling shared by `policy-lint summary` and `policy-lint diff`: `-h/--help`
 * prints the usage (exit 0); a bad flag or a value outside `formats` prints the problem
 * and the usage (exit 2). Returns the parsed arguments, or the exit code when done.
 */
export function parseSubcommand(name: string, argv: string[], options: Options, usage: () => string, io: RunIO, formats?: readonly string[]): SubcommandArgs | number {
  const fail = (message: string) => {
    io.stderr.write(`policy-lint ${name}: ${message}\n\n${usage()}`);
    return 2;
  };
  let parsed: SubcommandArgs;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as SubcommandArgs;
  } catch (e) {
    return fail(`${(e as Error).message.split('. ')[0]}.`);
  }
  if (parsed.values.help) {
    io.stdout.write(usage());
    return 0;
  }
  const format = parsed.values.format;
  if (formats && format !== undefined && !formats.includes(String(format))) return fail(`--format must be one of ${formats.join(', ')}; got "${format}".`);
  return parsed;
}
