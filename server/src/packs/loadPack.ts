import * as path from 'node:path';
import type { Node } from 'jsonc-parser';
import type { TemplateDefinition } from '../engine/config/types';
import type { Range } from '../engine/types';
import { parseJsonWithLocations, propertyKeyNodes, rangeAt, where, type ParsedJson } from './jsonLocations';
import { validateManifest, validateSnippetFile } from './schemaValidation';
import { parseSnippet } from './snippetSyntax';
import type { FailedPack, PackCandidate, PackProblem, PackReader, PackSnippet, SnippetPack } from './types';

export const MANIFEST_NAME = 'policy-pack.json';
export const SINGLE_FILE_SUFFIX = '.policypack.json';

/** A loaded pack with where each of its templates is defined, for conflict reports. */
export interface LoadedPack extends SnippetPack {
  templateRanges: Record<string, Range | undefined>;
}

interface RawSnippet {
  prefix: string | string[];
  body: string | string[];
  description?: string | string[];
}

/** Problems of one pack, each naming its file, line and column. */
export class Problems {
  readonly list: PackProblem[] = [];
  constructor(private readonly pack: string) {}
  add(file: string, range: Range | undefined, message: string, severity: 'error' | 'warning' = 'error', key?: string) {
    this.list.push({ source: file, range, message: `${where(file, range)}: ${message}`, severity, pack: this.pack, ...(key ? { key } : {}) });
  }
  get hasErrors() {
    return this.list.some((p) => p.severity === 'error');
  }
}

/** Reads and checks one pack. Any error fails the whole pack; the caller goes on with the others. */
export async function loadPack(candidate: PackCandidate, reader: PackReader): Promise<LoadedPack | FailedPack> {
  const { manifestPath, origin } = candidate;
  const problems = new Problems(manifestPath);
  const failed = (name?: string): FailedPack => ({ manifestPath, origin, ...(name ? { name } : {}), problems: problems.list });
  const base = path.basename(manifestPath);
  const kind = base === MANIFEST_NAME ? 'folder' : base.endsWith(SINGLE_FILE_SUFFIX) ? 'file' : undefined;
  if (!kind) {
    problems.add(manifestPath, undefined, `not a snippet pack: a pack is a folder with ${MANIFEST_NAME} or a file named *${SINGLE_FILE_SUFFIX}.`);
    return failed();
  }

  const parsed = await readJson(manifestPath, reader, problems, 'the pack manifest');
  if (!parsed) return failed();
  const manifest = parsed.value;
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    problems.add(manifestPath, rangeAt(parsed, []), 'the pack manifest must be a JSON object with `name`, `version` and `description`.');
    return failed();
  }
  const m = manifest as Record<string, unknown>;
  const name = typeof m.name === 'string' && m.name.trim() ? m.name : undefined;
  for (const v of validateManifest(manifest)) {
    problems.add(manifestPath, rangeAt(parsed, v.path, v.atKey), `${label(v.path)} ${v.message}.`, 'error', v.path.join('.'));
  }
  if (problems.hasErrors) return failed(name);

  const location = kind === 'folder' ? path.dirname(manifestPath) : manifestPath;
  const snippets: PackSnippet[] = [];
  if (typeof m.snippets === 'object' && m.snippets !== null && !Array.isArray(m.snippets)) {
    snippets.push(...readSnippets(parsed, ['snippets'], manifestPath, problems));
  } else if (m.snippets !== undefined) {
    const entries = typeof m.snippets === 'string' ? [m.snippets] : (m.snippets as string[]);
    if (kind === 'file') {
      problems.add(manifestPath, rangeAt(parsed, ['snippets']), `a single-file pack (*${SINGLE_FILE_SUFFIX}) holds its snippets inline, as an object of snippets by name; to keep snippets in .code-snippets files, make a pack folder with ${MANIFEST_NAME}.`);
      return failed(name);
    }
    for (const [i, entry] of entries.entries()) {
      const at = rangeAt(parsed, typeof m.snippets === 'string' ? ['snippets'] : ['snippets', i]);
      const file = await snippetFilePath(location, entry, reader, (msg) => problems.add(manifestPath, at, msg, 'error', 'snippets'));
      if (!file) continue;
      const snippetJson = await readJson(file, reader, problems, 'the snippet file', at, manifestPath);
      if (!snippetJson) continue;
      const violations = validateSnippetFile(snippetJson.value);
      for (const v of violations) problems.add(file, rangeAt(snippetJson, v.path, v.atKey), `${label(v.path, 'the snippet file')} ${v.message}.`);
      if (!violations.length) snippets.push(...readSnippets(snippetJson, [], file, problems));
    }
  }
  if (problems.hasErrors) return failed(name);

  const templates = (m.templates ?? {}) as Record<string, TemplateDefinition>;
  const templateRanges: Record<string, Range | undefined> = {};
  for (const t of Object.keys(templates)) templateRanges[t] = rangeAt(parsed, ['templates', t], true);
  if (!snippets.length && !Object.keys(templates).length) {
    problems.add(manifestPath, rangeAt(parsed, []), `the pack "${name}" has no snippets and no templates.`, 'warning');
  }
  return {
    name: name!,
    version: m.version as string,
    description: m.description as string,
    origin,
    location,
    manifestPath,
    kind,
    snippets,
    templates,
    templateRanges,
    problems: problems.list,
  };
}

export function isFailed(p: LoadedPack | FailedPack): p is FailedPack {
  return !('snippets' in p);
}

async function readJson(file: string, reader: PackReader, problems: Problems, what: string, refRange?: Range, refFile?: string): Promise<ParsedJson | undefined> {
  let text: string;
  try {
    text = await reader.readFile(file);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (e as Error).message;
    if (refFile) problems.add(refFile, refRange, `cannot read ${what} ${file}: ${reason}.`);
    else problems.add(file, undefined, `cannot read ${what}: ${reason}.`);
    return undefined;
  }
  const parsed = parseJsonWithLocations(text);
  for (const e of parsed.errors) problems.add(file, e.range, `${what} is not valid JSON: ${e.message}.`);
  return parsed.errors.length ? undefined : parsed;
}

/**
 * Resolves a `snippets` entry inside the pack folder. Absolute paths and paths leading out
 * of the folder (`../`, or a symbolic link pointing elsewhere) are refused: a pack may be
 * copied from anywhere and must not make the editor read files outside it.
 */
async function snippetFilePath(packDir: string, entry: string, reader: PackReader, report: (message: string) => void): Promise<string | undefined> {
  if (path.posix.isAbsolute(entry) || path.win32.isAbsolute(entry) || /^[a-zA-Z]:/.test(entry)) {
    report(`the snippet file "${entry}" must be a path relative to the pack folder, not an absolute path.`);
    return undefined;
  }
  const normal = path.posix.normalize(entry.replace(/\\/g, '/'));
  if (normal === '..' || normal.startsWith('../')) {
    report(`the snippet file "${entry}" is outside the pack folder; a pack may only use files inside its own folder.`);
    return undefined;
  }
  const file = path.join(packDir, ...normal.split('/'));
  if (reader.realPath) {
    try {
      const [realDir, realFile] = await Promise.all([reader.realPath(packDir), reader.realPath(file)]);
      const rel = path.relative(realDir, realFile);
      if (rel.startsWith('..') || path.isAbsolute(rel)) {
        report(`the snippet file "${entry}" is a link to ${realFile}, outside the pack folder; a pack may only use files inside its own folder.`);
        return undefined;
      }
    } catch {
      // A missing file is reported when it is read.
    }
  }
  return file;
}

/** Snippets of an object of snippets at `at` (already schema-checked), with body syntax checks. */
export function readSnippets(parsed: ParsedJson, at: string[], file: string, problems: Problems): PackSnippet[] {
  const out: PackSnippet[] = [];
  const objectNode = at.length ? rangeNode(parsed, at) : parsed.tree;
  const properties = propertyKeyNodes(objectNode);
  const lastIndex = new Map(properties.map((p, i) => [p.name, i]));
  for (const [i, { name, keyNode, valueNode }] of properties.entries()) {
    const range = parsed.lines.range(keyNode.offset, keyNode.offset + keyNode.length);
    if (lastIndex.get(name) !== i) {
      const later = properties[lastIndex.get(name)!].keyNode;
      problems.add(file, range, `the snippet "${name}" is defined again on line ${parsed.lines.positionAt(later.offset).line + 1}; VS Code keeps only the last one.`, 'warning');
      continue;
    }
    const raw = ((at.length ? (parsed.value as Record<string, unknown>)[at[0]] : parsed.value) as Record<string, RawSnippet>)[name];
    const body = Array.isArray(raw.body) ? raw.body.join('\n') : raw.body;
    const syntax = parseSnippet(body);
    for (const p of syntax.problems) {
      const bodyNode = valueNode?.children?.find((c) => c.children?.[0]?.value === 'body')?.children?.[1];
      const r = bodyNode ? lineRange(parsed, bodyNode, body, p.offset) : range;
      problems.add(file, r, `in the body of snippet "${name}": ${p.message}. To insert a literal $ or }, write \\\\$ or \\\\} in the JSON string.`);
    }
    const description = Array.isArray(raw.description) ? raw.description.join('\n') : raw.description;
    out.push({
      name,
      prefixes: Array.isArray(raw.prefix) ? raw.prefix : [raw.prefix],
      body,
      ...(description ? { description } : {}),
      file,
      range,
    });
  }
  return out;
}

function rangeNode(parsed: ParsedJson, at: string[]): Node | undefined {
  let node = parsed.tree;
  for (const key of at) node = propertyKeyNodes(node).find((p) => p.name === key)?.valueNode;
  return node;
}

/** The body string (or the string of the body line) holding `offset` of the joined body. */
function lineRange(parsed: ParsedJson, bodyNode: Node, body: string, offset: number): Range {
  if (bodyNode.type === 'array') {
    const lineNo = body.slice(0, offset).split('\n').length - 1;
    const item = bodyNode.children?.[lineNo] ?? bodyNode;
    return parsed.lines.range(item.offset, item.offset + item.length);
  }
  return parsed.lines.range(bodyNode.offset, bodyNode.offset + bodyNode.length);
}

/** How a message names the place: the snippet by name, else the dotted key path. */
export function label(p: (string | number)[], root = 'the pack manifest'): string {
  const inSnippetFile = root === 'the snippet file';
  const snippetAt = inSnippetFile ? 0 : p[0] === 'snippets' && typeof p[1] === 'string' ? 1 : -1;
  if (snippetAt >= 0 && p.length > snippetAt) {
    const rest = p.slice(snippetAt + 1);
    return `the snippet "${p[snippetAt]}"` + (rest.length ? `: \`${dotted(rest)}\`` : '');
  }
  return p.length ? `\`${dotted(p)}\`` : root;
}

function dotted(p: (string | number)[]): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('');
}
