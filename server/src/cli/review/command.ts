import * as path from 'node:path';
import type { RunIO } from '../run';
import { parseSubcommand } from '../subcommand';
import { loadWorkspace, WorkspaceError } from '../workspace';
import { compareRevisions } from './compare';
import { formatReviewMarkdown, formatReviewText } from './format';
import { openRevision, RevisionError, workingTree, type Revision } from './revisions';

const FORMATS = ['stylish', 'json', 'markdown'] as const;

export function diffUsage(): string {
  return `Usage: policy-lint diff BASE [HEAD] [options]

Reports what a change did to participation: programs and aspects whose status
changed, clauses whose label changed or that became unlabelled, and
contradictions that appeared or were resolved. BASE and HEAD are folders or git
revisions (e.g. origin/main); HEAD defaults to the working tree.

Options:
      --in PATH          Limit to PATH (repeatable; relative to the repository
                         or folder); default: everything
  -f, --format NAME      stylish (default), json, markdown (for a PR comment)
  -c, --config FILE      Use this config file for both revisions
  -h, --help             Show this help

Exit codes: 0 no new contradiction, 1 a contradiction appeared, 2 usage error.
`;
}

export async function runDiff(argv: string[], io: RunIO): Promise<number> {
  const parsed = parseSubcommand('diff', argv, { in: { type: 'string', multiple: true }, format: { type: 'string', short: 'f' }, config: { type: 'string', short: 'c' } }, diffUsage, io, FORMATS);
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as { in?: string[]; format?: string; config?: string };
  const positionals = parsed.positionals;
  const format = values.format ?? 'stylish';
  if (positionals.length < 1 || positionals.length > 2) {
    io.stderr.write(`policy-lint diff: give BASE, and optionally HEAD.\n\n${diffUsage()}`);
    return 2;
  }
  const cwd = path.resolve(io.cwd);
  const config = values.config ? path.resolve(cwd, values.config) : undefined;
  const opened: Revision[] = [];
  try {
    const base = openRevision(positionals[0], values.in ?? [], cwd);
    opened.push(base);
    const head = positionals[1] ? openRevision(positionals[1], values.in ?? [], cwd) : workingTree(values.in ?? [], cwd);
    opened.push(head);
    const baseWs = await loadWorkspace({ paths: base.paths, config }, io, base.root);
    const headWs = await loadWorkspace({ paths: head.paths, config }, io, head.root);
    const report = compareRevisions(baseWs.session.project, base.root, headWs.session.project, head.root);
    const text =
      format === 'json'
        ? JSON.stringify({ base: base.label, head: head.label, ...report }, null, 2) + '\n'
        : format === 'markdown'
          ? formatReviewMarkdown(report, base.label, head.label)
          : formatReviewText(report, base.label, head.label);
    io.stdout.write(text);
    return report.contradictions.some((c) => c.change === 'appeared') ? 1 : 0;
  } catch (e) {
    if (e instanceof RevisionError || e instanceof WorkspaceError) {
      io.stderr.write(`policy-lint diff: ${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    for (const r of opened) r.cleanup();
  }
}
