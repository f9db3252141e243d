import { parseDocument, isMap, isScalar, isSeq } from 'yaml';
import type { InputProblem } from '../types';
import { flatCopy, type LineIndex } from '../text';

/** The front matter keys Policy Lint reads. Other keys are kept but ignored. */
export interface FrontMatter {
  issuer?: string[];
  participants?: string[];
  program?: string;
  template?: string;
  /** `policy: true` marks a Markdown file as a policy document outside the configured globs. */
  policy?: boolean;
}

export interface FrontMatterResult {
  data: FrontMatter;
  /** Offset where the Markdown body starts (after the closing fence), 0 when there is none. */
  bodyStart: number;
  problems: InputProblem[];
}

const OPEN = /^\uFEFF?---[ \t]*(\r?\n|\r)/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/m;

/**
 * Reads YAML front matter. A malformed block is reported with its line and the document
 * is still linted: the block is treated as front matter (never as prose) with no values.
 */
export function parseFrontMatter(text: string, uri: string, lines: LineIndex): FrontMatterResult {
  return read(text, uri, lines, true);
}

/** The reference reading: the block parsed whole, no caches (what the cached reading must equal; for tests). */
export function parseFrontMatterWhole(text: string, uri: string, lines: LineIndex): FrontMatterResult {
  return read(text, uri, lines, false);
}

function read(text: string, uri: string, lines: LineIndex, cached: boolean): FrontMatterResult {
  const open = OPEN.exec(text);
  if (!open) return { data: {}, bodyStart: 0, problems: [] };
  const yamlStart = open[0].length;
  CLOSE.lastIndex = 0;
  const rest = text.slice(yamlStart);
  const close = CLOSE.exec(rest);
  if (!close) return { data: {}, bodyStart: 0, problems: [] }; // a thematic break, not front matter
  const yamlText = rest.slice(0, close.index);
  let bodyStart = yamlStart + close.index + close[0].length;
  if (text[bodyStart] === '\r') bodyStart++;
  if (text[bodyStart] === '\n') bodyStart++;
  if (cached) {
    // Documents of one collection often share their front matter word for word, and more often entry by entry.
    const known = clean.get(yamlText);
    if (known) return { data: { ...known }, bodyStart, problems: [] };
    const byEntry = readByEntry(yamlText);
    if (byEntry) return { data: byEntry, bodyStart, problems: [] };
  }
  return readWhole(yamlText, yamlStart, bodyStart, uri, lines, cached);
}

function readWhole(yamlText: string, yamlStart: number, bodyStart: number, uri: string, lines: LineIndex, cached: boolean): FrontMatterResult {
  const problems: InputProblem[] = [];
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false });
  for (const err of doc.errors) {
    const at = yamlStart + (err.pos?.[0] ?? 0);
    problems.push({
      source: uri,
      range: lines.range(at, Math.max(at, yamlStart + (err.pos?.[1] ?? 0))),
      message: `Front matter is not valid YAML: ${firstLine(err.message)}`,
      severity: 'error',
    });
  }
  if (doc.errors.length) return { data: {}, bodyStart, problems };

  const data: FrontMatter = {};
  const root = doc.contents;
  if (root && !isMap(root)) {
    problems.push({ source: uri, range: lines.range(yamlStart, yamlStart), message: 'Front matter should be a mapping of keys to values.', severity: 'warning' });
    return { data, bodyStart, problems };
  }
  for (const pair of root?.items ?? []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const read = readValue(key, pair.value);
    if (read && 'problem' in read) {
      const r = (pair.value as { range?: [number, number, number] | null } | null)?.range;
      problems.push({ source: uri, key, range: r ? lines.range(yamlStart + r[0], yamlStart + r[1]) : undefined, message: read.problem, severity: 'warning' });
    } else if (read) {
      (data as Record<string, unknown>)[read.key] = read.value;
    }
  }
  if (!problems.length && cached) {
    if (clean.size >= 256) clean.clear();
    clean.set(flatCopy(yamlText), { ...data });
  }
  return { data, bodyStart, problems };
}

/** Front matter read without problems, by its YAML text. */
const clean = new Map<string, FrontMatter>();

/** What one top-level entry read without problems sets (nothing, for keys Policy Lint does not read). */
type EntryValue = { key: keyof FrontMatter; value: FrontMatter[keyof FrontMatter] } | null;

/** Top-level entries read without problems, by their text (`versions:`, `program:` and the like recur across a collection). */
const entries = new Map<string, EntryValue>();

/** A line that starts a top-level entry: a plain key at column 0. */
const ENTRY_START = /^[A-Za-z_]/;
/** Lines that continue an entry: indented, a block sequence item at column 0, a comment, or blank. */
const CONTINUATION = /^(?:[ \t\-#]|\r?$)/;
/** An anchor or alias may tie one entry to another: such front matter is read whole. */
const ANCHOR_OR_ALIAS = /(?:^|[\s,[\]{}])[&*][^\s,[\]{}]/;

/**
 * Reads a block mapping entry by entry, each parsed alone and cached by its text: the
 * YAML library costs 0.1 ms a document, and most entries of a collection's front matter
 * recur. Only for the plainest shape (every top-level key a plain key at column 0, each
 * entry one key, no anchors, nothing wrong); anything else, any YAML error or any
 * problem to report, returns undefined and the block is read whole, as before.
 */
function readByEntry(yamlText: string): FrontMatter | undefined {
  if (!ENTRY_START.test(yamlText) || ANCHOR_OR_ALIAS.test(yamlText)) return undefined;
  const data: FrontMatter = {};
  let start = 0;
  while (start < yamlText.length) {
    // The entry runs to the next line that starts another.
    let end = yamlText.indexOf('\n', start);
    end = end < 0 ? yamlText.length : end + 1;
    while (end < yamlText.length && !ENTRY_START.test(yamlText[end])) {
      const lineEnd = yamlText.indexOf('\n', end);
      const next = lineEnd < 0 ? yamlText.length : lineEnd + 1;
      if (!CONTINUATION.test(yamlText.slice(end, lineEnd < 0 ? next : lineEnd))) return undefined;
      end = next;
    }
    const entryText = yamlText.slice(start, end);
    let entry = entries.get(entryText);
    if (entry === undefined) {
      const read = readEntry(entryText);
      if (read === undefined) return undefined;
      if (entries.size >= 1024) entries.clear();
      entries.set(flatCopy(entryText), (entry = read));
    }
    if (entry) (data as Record<string, unknown>)[entry.key] = entry.value;
    start = end;
  }
  return data;
}

/** One entry parsed alone: what it sets, or undefined when it is not one clean `key: value`. */
function readEntry(entryText: string): EntryValue | undefined {
  const doc = parseDocument(entryText, { prettyErrors: false, uniqueKeys: false });
  const root = doc.contents;
  if (doc.errors.length || !isMap(root) || root.items.length !== 1) return undefined;
  const pair = root.items[0];
  if (!isScalar(pair.key)) return undefined;
  const read = readValue(String(pair.key.value), pair.value);
  return read && 'problem' in read ? undefined : read;
}

/**
 * What one top-level entry sets: a value, a problem to report, or null for keys Policy
 * Lint does not read. The one reading of values, whole block or entry by entry.
 */
function readValue(key: string, node: unknown): EntryValue | { problem: string } {
  const value = node as any;
  switch (key) {
    case 'issuer':
    case 'participants': {
      const list = stringList(value);
      // Frozen: cached readings hand the same list to every document with this front matter.
      return list ? { key, value: Object.freeze(list) as string[] } : { problem: `Front matter \`${key}\` should be a name or a list of names.` };
    }
    case 'program':
    case 'template':
      return isScalar(value) && typeof value.value === 'string' && value.value.trim()
        ? { key, value: value.value.trim() }
        : { problem: `Front matter \`${key}\` should be a single name.` };
    case 'policy':
      return isScalar(value) && typeof value.value === 'boolean' ? { key, value: value.value } : { problem: 'Front matter `policy` should be true or false.' };
  }
  return null;
}

function stringList(node: unknown): string[] | undefined {
  if (isScalar(node) && typeof node.value === 'string') return [node.value.trim()].filter(Boolean);
  if (isSeq(node)) {
    const out: string[] = [];
    for (const item of node.items) {
      if (!isScalar(item) || typeof item.value !== 'string') return undefined;
      if (item.value.trim()) out.push(item.value.trim());
    }
    return out;
  }
  return undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
