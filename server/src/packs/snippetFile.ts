import { parseJsonWithLocations, rangeAt } from './jsonLocations';
import { Problems, label, readSnippets } from './loadPack';
import { validateSnippetFile } from './schemaValidation';
import type { PackProblem, PackSnippet } from './types';

/**
 * Reads one file in VS Code's snippet format (`*.code-snippets`, comments allowed), e.g. the
 * extension's built-in snippets, with the same checks as pack snippet files.
 */
export function readSnippetFile(text: string, file: string): { snippets: PackSnippet[]; problems: PackProblem[] } {
  const problems = new Problems(file);
  const parsed = parseJsonWithLocations(text);
  for (const e of parsed.errors) problems.add(file, e.range, `the snippet file is not valid JSON: ${e.message}.`);
  if (parsed.errors.length) return { snippets: [], problems: problems.list };
  const violations = validateSnippetFile(parsed.value);
  for (const v of violations) problems.add(file, rangeAt(parsed, v.path, v.atKey), `${label(v.path, "the snippet file")} ${v.message}.`);
  if (violations.length) return { snippets: [], problems: problems.list };
  const snippets = readSnippets(parsed, [], file, problems);
  return { snippets, problems: problems.list };
}
