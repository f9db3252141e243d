import { applyEdits, modify, parse, type FormattingOptions } from 'jsonc-parser';
import { escapeSnippetText } from '../../server/src/packs';

/**
 * Text edits for "Create Snippet from Selection": a new pack manifest, or an existing one
 * and its snippet file with one snippet added. Comments and layout of existing files are
 * kept (jsonc-parser edits in place). Pure, so it is unit-tested.
 */
const FORMAT: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };
export const DEFAULT_SNIPPET_FILE = 'snippets.code-snippets';

/** A pack folder name from a pack name: lower case, spaces to dashes. */
export function packFolderName(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'pack';
}

export function newManifest(name: string, description: string): string {
  return JSON.stringify({ name, version: '0.1.0', description, snippets: DEFAULT_SNIPPET_FILE }, null, 2) + '\n';
}

/** Where a pack keeps snippets: its first listed snippet file, inline, or none listed yet. */
export function snippetTarget(manifestText: string): { kind: 'file'; path: string } | { kind: 'inline' } | { kind: 'none' } {
  const m = parse(manifestText, [], { allowTrailingComma: true }) as { snippets?: unknown } | undefined;
  const s = m?.snippets;
  if (typeof s === 'string') return { kind: 'file', path: s };
  if (Array.isArray(s) && typeof s[0] === 'string') return { kind: 'file', path: s[0] };
  if (s && typeof s === 'object' && !Array.isArray(s)) return { kind: 'inline' };
  return { kind: 'none' };
}

/** Adds `snippets: "<file>"` to a manifest that lists no snippet file. */
export function withSnippetFile(manifestText: string, file = DEFAULT_SNIPPET_FILE): string {
  return applyEdits(manifestText, modify(manifestText, ['snippets'], file, { formattingOptions: FORMAT }));
}

export interface NewSnippet {
  name: string;
  prefix: string;
  description?: string;
  /** The selected text, inserted literally: `$`, `}` and `\` are escaped. */
  text: string;
}

/** The snippet as VS Code stores it: one body string per line. */
export function snippetEntry(s: NewSnippet): Record<string, unknown> {
  const body = escapeSnippetText(s.text.replace(/\r\n?/g, '\n')).split('\n');
  return { prefix: s.prefix, body, ...(s.description ? { description: s.description } : {}) };
}

/**
 * Adds a snippet to a snippet file's text (or to the inline `snippets` of a manifest when
 * `at` is `['snippets']`). A name already taken gets a number: nothing is overwritten.
 */
export function withSnippet(fileText: string | undefined, s: NewSnippet, at: string[] = []): { text: string; name: string } {
  const text = fileText?.trim() ? fileText : '{}\n';
  const existing = (at.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), parse(text, [], { allowTrailingComma: true })) ?? {}) as Record<string, unknown>;
  let name = s.name;
  for (let n = 2; Object.prototype.hasOwnProperty.call(existing, name); n++) name = `${s.name} (${n})`;
  const edits = modify(text, [...at, name], snippetEntry(s), { formattingOptions: FORMAT });
  return { text: applyEdits(text, edits), name };
}

/** Prefixes already defined in a snippet object, to warn before adding a duplicate. */
export function prefixesIn(fileText: string | undefined, at: string[] = []): Set<string> {
  const out = new Set<string>();
  if (!fileText) return out;
  const obj = at.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), parse(fileText, [], { allowTrailingComma: true }));
  if (!obj || typeof obj !== 'object') return out;
  for (const v of Object.values(obj as Record<string, { prefix?: unknown }>)) {
    const p = v?.prefix;
    for (const x of Array.isArray(p) ? p : [p]) if (typeof x === 'string') out.add(x);
  }
  return out;
}
