import type { Finding, PolicyLintConfig, Position, Project, Range, TextEdit } from '../../../../server/src/engine';

/**
 * Checkers for the engine's promises, written independently of the engine's own helpers
 * (its LineIndex, its term regexes) so that a bug there cannot hide itself here.
 */

/** Line texts as LSP counts them: \n, \r\n and \r end a line; nothing else does. */
export function lspLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function offsetOf(lines: string[], text: string, p: Position): number {
  // Walk line by line, measuring each line's own break, so mixed endings are right.
  let offset = 0;
  for (let l = 0; l < p.line; l++) {
    offset += lines[l].length;
    offset += text.startsWith('\r\n', offset) ? 2 : 1;
  }
  return offset + p.character;
}

export function checkRange(r: Range, lines: string[], what: string): void {
  const bad = (why: string) => {
    throw new Error(`${what}: ${why}: ${JSON.stringify(r)} (document has ${lines.length} lines)`);
  };
  for (const [name, p] of [['start', r.start], ['end', r.end]] as const) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) bad(`${name} is not integral`);
    if (p.line < 0 || p.line >= lines.length) bad(`${name} line outside the document`);
    if (p.character < 0 || p.character > lines[p.line].length) bad(`${name} character outside line ${p.line} (length ${lines[p.line].length})`);
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) bad('start after end');
}

const linesCache = new WeakMap<ReadonlyMap<string, string>, Map<string, string[]>>();

/** Line texts of each document, split once per map of texts (checking each finding must stay linear). */
function linesOf(texts: ReadonlyMap<string, string>, uri: string): string[] | undefined {
  let byUri = linesCache.get(texts);
  if (!byUri) linesCache.set(texts, (byUri = new Map()));
  let lines = byUri.get(uri);
  const text = texts.get(uri);
  if (!lines && text !== undefined) byUri.set(uri, (lines = lspLines(text)));
  return lines;
}

/** Every range a finding carries (its own, related, fix edits) lies inside the document it names. */
export function checkFindingRanges(f: Finding, texts: ReadonlyMap<string, string>): void {
  const lines = linesOf(texts, f.uri);
  if (lines === undefined) throw new Error(`finding for a document not in the project: ${f.uri}`);
  checkRange(f.range, lines, `${f.ruleId} range`);
  for (const rel of f.related) {
    const relLines = linesOf(texts, rel.uri);
    // Registry entries point into the config file, which is not a document here.
    if (relLines !== undefined) checkRange(rel.range, relLines, `${f.ruleId} related`);
  }
  for (const fix of f.fixes) for (const e of fix.edits) checkRange(e.range, lines, `${f.ruleId} fix "${fix.title}" edit`);
  if (!/^[0-9a-f]{8}$/.test(f.fingerprint)) throw new Error(`${f.ruleId}: fingerprint ${JSON.stringify(f.fingerprint)} is not 8 hex digits`);
}

/** Canonical JSON of a set of findings, independent of their order; `view` picks what is compared. */
export function findingSet(findings: Finding[], view: (f: Finding) => unknown = (f) => f): string[] {
  return findings.map((f) => JSON.stringify(view(f))).sort();
}

export function projectFindings(project: Project, view?: (f: Finding) => unknown): Map<string, string[]> {
  return new Map(project.uris().sort().map((u) => [u, findingSet(project.findings(u), view)]));
}

// ---- Fix safety -------------------------------------------------------------------------

export interface TermTable {
  /** Spelling folded (lower case, no spaces or hyphens) → family index. */
  byFolded: Map<string, number>;
  /** Matches any spelling of any family, with one optional separator between words. */
  regex: RegExp;
  families: string[][];
}

const fold = (s: string) => s.toLowerCase().replace(/[\s\u00a0-]+/g, '');
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function termTable(config: PolicyLintConfig): TermTable {
  const families = config.terms.map((t) => [...(t.preferred ? [t.preferred] : []), ...t.variants].map((v) => v.trim()).filter(Boolean));
  const byFolded = new Map<string, number>();
  const alts: string[] = [];
  families.forEach((vs, i) => {
    for (const v of vs) {
      if (!byFolded.has(fold(v))) byFolded.set(fold(v), i);
      const words = v.split(/[\s-]+/).filter(Boolean);
      alts.push(words.length > 1 ? words.map(esc).join('[ \\t\\u00a0-]?') : esc(v));
    }
  });
  alts.sort((a, b) => b.length - a.length);
  return { byFolded, families, regex: new RegExp(alts.length ? alts.join('|') : '(?!)', 'gi') };
}

function familyOf(table: TermTable, s: string): number | undefined {
  // The engine finds "opt out" with one separator; anything else is not a term spelling.
  if (!table.regex.source || s !== s.trim()) return undefined;
  const m = new RegExp(`^(?:${table.regex.source})$`, 'i').exec(s);
  return m ? table.byFolded.get(fold(s)) : undefined;
}

export type EditKind = 'label-insert' | 'term-swap' | 'label-word-swap' | 'heading-insert';

function labelInserts(config: PolicyLintConfig): string[] {
  return [`[${config.labels.mandatory[0] ?? 'Mandatory'}] `, `[${config.labels.optional[0] ?? 'Optional'}] `];
}

/** What an edit does, or throws saying why it could eat the author's words. */
export function classifyEdit(text: string, e: TextEdit, config: PolicyLintConfig, table: TermTable): EditKind {
  const lines = lspLines(text);
  const start = offsetOf(lines, text, e.range.start);
  const end = offsetOf(lines, text, e.range.end);
  const old = text.slice(start, end);
  if (start === end) {
    if (labelInserts(config).includes(e.newText)) return 'label-insert';
    if (/^\n{0,2}## [^\n]+\n\n$/.test(e.newText)) return 'heading-insert';
    throw new Error(`an insertion of ${JSON.stringify(e.newText)} is neither a label nor a heading`);
  }
  const from = familyOf(table, old);
  if (from !== undefined && familyOf(table, e.newText) === from) return 'term-swap';
  const labelWords = new Set([...config.labels.mandatory, ...config.labels.optional].map((w) => w.toLowerCase()));
  if (labelWords.has(old.toLowerCase()) && labelWords.has(e.newText.toLowerCase())) return 'label-word-swap';
  throw new Error(`an edit replaces ${JSON.stringify(old)} with ${JSON.stringify(e.newText)}: neither a term spelling nor a label word`);
}

/** The text with the labels a safe fix inserts removed and every term spelling folded to its family. */
export function withoutLabelsAndTermSpellings(text: string, config: PolicyLintConfig, table: TermTable): string {
  const labels = new RegExp(labelInserts(config).map(esc).join('|'), 'g');
  return text.replace(labels, '').replace(table.regex, (m) => `\u0000T${table.byFolded.get(fold(m)) ?? '?'}\u0000`);
}

/** Label words and term spellings folded: what an unsafe fix may change. */
export function withLabelWordsAndTermsFolded(text: string, config: PolicyLintConfig, table: TermTable): string {
  const words = [...config.labels.mandatory, ...config.labels.optional].map(esc);
  // Not \b: in `_Optional_` the underscore is a word character, yet the label word is there.
  const labelWords = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|') || '(?!)'})(?![\\p{L}\\p{N}])`, 'giu');
  return text.replace(table.regex, (m) => `\u0000T${table.byFolded.get(fold(m)) ?? '?'}\u0000`).replace(labelWords, '\u0000L\u0000');
}

/** True when every character of `small` appears in `big` in order: nothing was deleted. */
export function isSubsequence(small: string, big: string): boolean {
  let j = 0;
  for (let i = 0; i < small.length; i++) {
    j = big.indexOf(small[i], j);
    if (j < 0) return false;
    j++;
  }
  return true;
}
