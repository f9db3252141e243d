/**
 * Team snippet packs: loading and validation. Pure: the host finds candidate packs and
 * supplies file access; nothing here touches the file system or VS Code, so the extension,
 * the language server and tests share it. Packs are data only; nothing in them runs.
 */
import * as path from 'node:path';
import { mergeTemplates, reportDuplicateNames, reportPrefixConflicts } from './conflicts';
import { isFailed, loadPack, type LoadedPack } from './loadPack';
import type { FailedPack, KnownSnippet, PackCandidate, PackLoadResult, PackReader } from './types';

export * from './types';
export { MANIFEST_NAME, SINGLE_FILE_SUFFIX } from './loadPack';
export { parseSnippet, expandSnippet, escapeSnippetText, snippetChoices, type SnippetNode } from './snippetSyntax';
export { snippetPackSchema } from './schemaValidation';
export { parseJsonWithLocations, where } from './jsonLocations';
export { readSnippetFile } from './snippetFile';

export interface LoadPacksOptions {
  /** Snippets VS Code already offers (the extension's own), to report prefixes packs reuse. */
  builtin?: KnownSnippet[];
}

/**
 * Loads every candidate (the same manifest listed twice loads once). A pack with an error
 * is reported in `failed` and skipped; the others load regardless.
 */
export async function loadPacks(candidates: PackCandidate[], reader: PackReader, options: LoadPacksOptions = {}): Promise<PackLoadResult> {
  const unique = new Map<string, PackCandidate>();
  for (const c of candidates) {
    const key = path.normalize(c.manifestPath);
    if (!unique.has(key)) unique.set(key, { ...c, manifestPath: key });
  }
  const results = await Promise.all([...unique.values()].map((c) => loadPack(c, reader)));
  const packs: LoadedPack[] = [];
  const failed: FailedPack[] = [];
  for (const r of results) {
    if (isFailed(r)) failed.push(r);
    else packs.push(r);
  }
  reportPrefixConflicts(packs, options.builtin ?? []);
  reportDuplicateNames(packs);
  const templates = mergeTemplates(packs);
  const problems = results.flatMap((r) => r.problems);
  return {
    packs: packs.map(({ templateRanges: _ranges, ...pack }) => pack),
    failed,
    problems,
    templates,
  };
}
