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

  // Documents of one collection often share their front matter word for word.
  const known = clean.get(yamlText);
  if (known) return { data: { ...known }, bodyStart, problems: [] };
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
  const warn = (key: string, node: { range?: [number, number, number] | null } | null | undefined, message: string) => {
    const r = node?.range;
    problems.push({
      source: uri,
      key,
      range: r ? lines.range(yamlStart + r[0], yamlStart + r[1]) : undefined,
      message,
      severity: 'warning',
    });
  };
  for (const pair of root?.items ?? []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as any;
    switch (key) {
      case 'issuer':
      case 'participants': {
        const list = stringList(value);
        if (list) data[key] = list;
        else warn(key, value, `Front matter \`${key}\` should be a name or a list of names.`);
        break;
      }
      case 'program':
      case 'template':
        if (isScalar(value) && typeof value.value === 'string' && value.value.trim()) data[key] = value.value.trim();
        else warn(key, value, `Front matter \`${key}\` should be a single name.`);
        break;
      case 'policy':
        if (isScalar(value) && typeof value.value === 'boolean') data.policy = value.value;
        else warn(key, value, 'Front matter `policy` should be true or false.');
        break;
    }
  }
  if (!problems.length) {
    if (clean.size >= 256) clean.clear();
    clean.set(flatCopy(yamlText), { ...data });
  }
  return { data, bodyStart, problems };
}

/** Front matter read without problems, by its YAML text. */
const clean = new Map<string, FrontMatter>();

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
