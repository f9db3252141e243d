import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../../schemas/snippet-pack.schema.json';

/** One schema violation: where (a JSON path, `key` when the key itself is the problem) and what. */
export interface SchemaViolation {
  path: (string | number)[];
  /** Point at the key rather than the value (unknown keys). */
  atKey: boolean;
  message: string;
}

let validators: { manifest: ValidateFunction; snippetFile: ValidateFunction } | undefined;

function compiled() {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema(schema);
    const id = (schema as { $id: string }).$id;
    validators = {
      manifest: ajv.getSchema(id)!,
      snippetFile: ajv.getSchema(`${id}#/definitions/snippetFile`)!,
    };
  }
  return validators;
}

/** The JSON schema of a snippet pack, as shipped in schemas/snippet-pack.schema.json. */
export function snippetPackSchema(): Record<string, unknown> {
  return schema as Record<string, unknown>;
}

export function validateManifest(value: unknown): SchemaViolation[] {
  const v = compiled().manifest;
  return v(value) ? [] : explain(v.errors ?? [], value);
}

export function validateSnippetFile(value: unknown): SchemaViolation[] {
  const v = compiled().snippetFile;
  return v(value) ? [] : explain(v.errors ?? [], value);
}

function pathOf(e: ErrorObject, value: unknown): (string | number)[] {
  const parts = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  // Array indexes are numbers in a JSON path; object keys that look like numbers stay strings.
  const out: (string | number)[] = [];
  let cur: unknown = value;
  for (const p of parts) {
    const index = Array.isArray(cur) ? Number(p) : p;
    out.push(index);
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[index] : undefined;
  }
  return out;
}

const ALTERNATIVES: [RegExp, string][] = [
  [/^snippets$/, 'must be the path of a .code-snippets file, a list of such paths, or an object of snippets by name'],
  [/(^|\/)prefix$/, 'must be a word or a list of words'],
  [/(^|\/)(body|description)$/, 'must be a string or a list of strings (one per line)'],
];

function patternMessage(path: (string | number)[]): string {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path.length === 1 && last === 'version') return 'must be a semantic version such as 1.0.0';
  if (path.length === 1 && last === 'name') return 'must start with a letter or digit and use only letters, digits, spaces, ".", "_" and "-" (at most 64 characters)';
  if (last === 'prefix' || parent === 'prefix') return 'must be one word, without spaces';
  if (path[0] === 'snippets') return 'must be the path of a .code-snippets file';
  return 'has the wrong form';
}

function describe(e: ErrorObject, path: (string | number)[]): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `is missing the required key \`${String(p.missingProperty)}\``;
    case 'additionalProperties':
      return 'is not a known key';
    case 'type':
      return `must be ${article(String(p.type))}`;
    case 'pattern':
      return patternMessage(path);
    case 'minLength':
      return 'must not be empty';
    case 'minItems':
      return 'must not be an empty list';
    case 'propertyNames':
      return 'has an empty name';
    case 'oneOf': {
      const joined = path.join('/');
      return ALTERNATIVES.find(([re]) => re.test(joined))?.[1] ?? 'has the wrong form';
    }
    default:
      return e.message ?? 'is not valid';
  }
}

function article(type: string): string {
  return { string: 'a string', array: 'a list', object: 'an object', boolean: 'true or false', integer: 'a whole number', number: 'a number' }[type] ?? type;
}

/**
 * Turns ajv's errors into one message per actual mistake. A value that fails a `oneOf`
 * fails every branch; only the branch errors deepest in the document say what is wrong,
 * so `type`/`oneOf` errors above a deeper error are dropped, and a `oneOf` whose branches
 * all fail on type alone becomes one "must be X or Y" message.
 */
function explain(errors: ErrorObject[], value: unknown): SchemaViolation[] {
  const branchy = (e: ErrorObject) => e.keyword === 'type' || e.keyword === 'oneOf' || e.keyword === 'propertyNames';
  const deeper = (e: ErrorObject) => errors.some((f) => f.instancePath.startsWith(e.instancePath + '/'));
  let kept = errors.filter((e) => !(branchy(e) && deeper(e)) && e.keyword !== 'if');
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of kept) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  kept = [];
  for (const group of byPath.values()) {
    const specific = group.filter((e) => e.keyword !== 'type' && e.keyword !== 'oneOf');
    if (specific.length) kept.push(...specific);
    else kept.push(group.find((e) => e.keyword === 'oneOf') ?? group[0]);
  }
  const out: SchemaViolation[] = [];
  const seen = new Set<string>();
  for (const e of kept) {
    const path = pathOf(e, value);
    let atKey = false;
    if (e.keyword === 'additionalProperties') {
      path.push(String((e.params as { additionalProperty: string }).additionalProperty));
      atKey = true;
    }
    const message = describe(e, path);
    const id = `${path.join('\0')}|${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ path, atKey, message });
  }
  return out;
}
