import Ajv, { type ErrorObject } from 'ajv';
import { parseDocument, isMap, isSeq, type Document, type Node } from 'yaml';
import { LineIndex } from '../text';
import type { InputProblem, Range } from '../types';
import { defaultConfig } from './defaults';
import { configSchema } from './schema';
import type { PolicyLintConfig, RegistryLocation, ResolvedConfig } from './types';

let validator: ReturnType<Ajv['compile']> | undefined;
function validate() {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema());
  return validator;
}

export interface LoadedConfig {
  resolved: ResolvedConfig;
  problems: InputProblem[];
}

/**
 * Reads a config file's text (JSON or YAML: YAML 1.2 reads JSON, and gives positions for
 * both). Invalid values are dropped one by one, each with a problem naming the file, the
 * line and the key, and the defaults stand in for them: a bad config never stops a run.
 */
export function loadConfig(text: string, uri: string, base: PolicyLintConfig = defaultConfig()): LoadedConfig {
  const lines = new LineIndex(text);
  const problems: InputProblem[] = [];
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const at = (r: [number, number, number] | null | undefined): Range | undefined => (r ? lines.range(r[0], r[1]) : undefined);
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const p = lines.positionAt(e.pos?.[0] ?? 0);
      problems.push({ source: uri, range: at(e.pos ? [e.pos[0], e.pos[1], e.pos[1]] : undefined), message: `${uri}:${p.line + 1}: not valid JSON or YAML: ${e.message.split('\n')[0]}. Using the default configuration.`, severity: 'error' });
    }
    return { resolved: { config: base, sourceUri: uri, registryLocations: new Map() }, problems };
  }
  let data: unknown;
  try {
    // Aliases expand: an alias bomb or a dangling alias is a problem in the file, not a crash.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    problems.push({ source: uri, range: lines.range(0, 0), message: `${uri}:1: the configuration cannot be read: ${(e as Error).message}. Using the default configuration.`, severity: 'error' });
    return { resolved: { config: base, sourceUri: uri, registryLocations: new Map() }, problems };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ source: uri, range: lines.range(0, 0), message: `${uri}:1: the configuration must be an object of settings. Using the defaults.`, severity: 'error' });
    return { resolved: { config: base, sourceUri: uri, registryLocations: new Map() }, problems };
  }
  const obj = data as Record<string, unknown>;
  // Each round drops every value an error names (deepest first, so array indices stay valid),
  // then validates again: a oneOf error can hide others until its branch is gone.
  for (let round = 0; round < 20 && !validate()(obj); round++) {
    const seen = new Set<string>();
    const errors = [...(validate().errors ?? [])].sort((a, b) => pointer(b).length - pointer(a).length || comparePaths(pointer(b), pointer(a)));
    let removed = 0;
    for (const e of errors) {
      const path = pointer(e);
      const id = path.join('\0');
      if (seen.has(id) || [...seen].some((s) => id.startsWith(s + '\0'))) continue;
      seen.add(id);
      const range = at(nodeAt(doc, path)?.range);
      const key = path.join('.');
      const line = range ? range.start.line + 1 : 1;
      problems.push({ source: uri, range, key, message: `${uri}:${line}: \`${key || '(root)'}\` ${describe(e)}. Using the default for it.`, severity: 'warning' });
      if (removeAt(obj, path)) removed++;
    }
    if (!removed) break;
  }
  // Whatever still does not validate falls back to the defaults key by key: never pass bad values on.
  if (!validate()(obj)) for (const e of validate().errors ?? []) delete obj[pointer(e)[0] ?? ''];
  return { resolved: { config: merge(base, obj as Partial<PolicyLintConfig>), sourceUri: uri, registryLocations: registryLocations(doc, uri, lines) }, problems };
}

/** Orders sibling paths so that higher array indices come first (removing them keeps lower ones valid). */
function comparePaths(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    return /^\d+$/.test(a[i]) && /^\d+$/.test(b[i]) ? Number(a[i]) - Number(b[i]) : a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}

function pointer(e: ErrorObject): string[] {
  const parts = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'additionalProperties') parts.push(String((e.params as { additionalProperty: string }).additionalProperty));
  return parts;
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return 'is not a known setting';
  if (e.keyword === 'enum') return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'oneOf') return 'must be a severity ("error", "warning", "info", "hint", "off") or an object with `severity` and `options`';
  return e.message ?? 'is not valid';
}

function removeAt(obj: Record<string, unknown>, path: string[]): boolean {
  if (!path.length) return false;
  let cur: any = obj;
  for (const p of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return false;
    cur = cur[p];
  }
  if (cur === null || typeof cur !== 'object') return false;
  const last = path[path.length - 1];
  if (Array.isArray(cur)) cur.splice(Number(last), 1);
  else delete cur[last];
  return true;
}

function nodeAt(doc: Document, path: string[]): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n).map((p) => (/^\d+$/.test(p) ? Number(p) : p)), true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node) {
      // For an unknown key, point at the key rather than its value.
      if (n === path.length && n > 0) {
        const parent = doc.getIn(path.slice(0, n - 1).map((p) => (/^\d+$/.test(p) ? Number(p) : p)), true);
        if (isMap(parent)) {
          const pair = parent.items.find((i) => (i.key as any)?.value === path[n - 1]);
          if (pair?.key && typeof pair.key === 'object' && 'range' in (pair.key as object)) return pair.key as Node;
        }
      }
      return node;
    }
  }
  return undefined;
}

function registryLocations(doc: Document, uri: string, lines: LineIndex): Map<string, RegistryLocation> {
  const out = new Map<string, RegistryLocation>();
  const programs = doc.get('programs', true);
  if (!isSeq(programs)) return out;
  programs.items.forEach((p, i) => {
    if (!isMap(p)) return;
    const name = p.get('name', true) as Node | undefined;
    if (name?.range) out.set(`programs[${i}]`, { uri, range: lines.range(name.range[0], name.range[1]) });
    const aspects = p.get('aspects', true);
    if (isSeq(aspects)) {
      aspects.items.forEach((a, j) => {
        const an = isMap(a) ? (a.get('name', true) as Node | undefined) : undefined;
        if (an?.range) out.set(`programs[${i}].aspects[${j}]`, { uri, range: lines.range(an.range[0], an.range[1]) });
      });
    }
  });
  return out;
}

/** Later settings win; `rules` merge per rule; lists replace lists. */
export function merge(base: PolicyLintConfig, over: Partial<PolicyLintConfig>): PolicyLintConfig {
  const out: PolicyLintConfig = { ...base, ...over } as PolicyLintConfig;
  out.labels = { ...base.labels, ...(over.labels ?? {}) };
  out.templates = { ...base.templates, ...(over.templates ?? {}) };
  out.rules = { ...base.rules };
  for (const [id, setting] of Object.entries(over.rules ?? {})) {
    const s = typeof setting === 'string' ? { severity: setting } : setting;
    out.rules[id] = { ...(out.rules[id] ?? {}), ...s, options: { ...(out.rules[id]?.options ?? {}), ...(s.options ?? {}) } };
  }
  return out;
}
