import type { DocumentModel } from './model/document';
import type { ParticipationStatement } from './model/participation';
import type { TermUsage } from './model/terms';
import type { ParticipationStatus } from './types';

export interface IndexedStatement {
  uri: string;
  statement: ParticipationStatement;
  model: DocumentModel;
}

/**
 * Everything stated under one key: per document, status counts, and the documents stating
 * each status in URI order. A document's own statements under a key are a plain array
 * (usually one or two), and their statuses are counted when asked: a map per document and
 * key cost about 40 % of the server's heap on 2,000 documents.
 */
class KeyEntry {
  readonly buckets = new Map<string, IndexedStatement[]>();
  readonly statuses = new Map<ParticipationStatus, number>();
  /** Per status, the URIs of the documents that state it, sorted: the first few are found without scanning. */
  readonly docsWith = new Map<ParticipationStatus, string[]>();

  /**
   * Sets (or with `undefined`, drops) a document's statements under this key. Status
   * counts and the sorted document lists change only where the document's own counts do:
   * an edit that moves statements without changing them costs one map entry.
   */
  set(uri: string, bucket: IndexedStatement[] | undefined): void {
    const before = this.buckets.get(uri);
    if (!before && !bucket) return;
    for (const status of STATUSES) {
      const was = before ? countStatus(before, status) : 0;
      const now = bucket ? countStatus(bucket, status) : 0;
      if (was === now) continue;
      const total = (this.statuses.get(status) ?? 0) + now - was;
      if (total > 0) this.statuses.set(status, total);
      else this.statuses.delete(status);
      if (was && now) continue;
      let uris = this.docsWith.get(status);
      if (!uris) this.docsWith.set(status, (uris = []));
      const at = lowerBound(uris, uri);
      if (now) uris.splice(at, 0, uri);
      else if (uris[at] === uri) uris.splice(at, 1);
    }
    if (bucket) this.buckets.set(uri, bucket);
    else this.buckets.delete(uri);
  }

  /** How many statements of `status` `uri` makes here. */
  countOf(uri: string, status: ParticipationStatus): number {
    const bucket = this.buckets.get(uri);
    return bucket ? countStatus(bucket, status) : 0;
  }

  /** Statuses stated here by documents other than `uri`, as bits (see `STATUS_BIT`). */
  statusBitsBesides(uri: string): number {
    let bits = 0;
    for (const [status, n] of this.statuses) if (n > this.countOf(uri, status)) bits |= STATUS_BIT[status];
    return bits;
  }
}

const STATUSES: readonly ParticipationStatus[] = ['mandatory', 'optional'];
/** Statuses as bits, so that "which statuses" costs no set. */
export const STATUS_BIT: Readonly<Record<ParticipationStatus, number>> = { mandatory: 1, optional: 2 };

function countStatus(bucket: readonly IndexedStatement[], status: ParticipationStatus): number {
  let n = 0;
  for (const x of bucket) if (x.statement.status === status) n++;
  return n;
}

/** First index in sorted `list` whose value is not less than `value`. */
function lowerBound(list: string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What other documents state with a status under a key: how many statements, and the first few by document and place. */
export interface StatedElsewhere {
  count: number;
  first: IndexedStatement[];
}

/**
 * Participation statements of every document, by aspect key. Documents that name no
 * program state aspects without scope (`::words`); those are compared with the same
 * aspect of every program, through the index by suffix. Statements are kept per document
 * under each key, so replacing a document costs its own statements, not the workspace's.
 */
export class StatementIndex {
  private readonly byKey = new Map<string, KeyEntry>();
  private readonly bySuffix = new Map<string, KeyEntry>();
  private readonly entriesCache = new Map<string, KeyEntry[]>();

  add(model: DocumentModel): void {
    this.replace(model.uri, undefined, model);
  }

  remove(model: DocumentModel): void {
    this.replace(model.uri, model, undefined);
  }

  /**
   * Replaces one document's statements: per key, not per statement, and only the keys'
   * status counts that changed are touched (see `KeyEntry.set`).
   */
  replace(uri: string, old: DocumentModel | undefined, now: DocumentModel | undefined): void {
    const { byKey, bySuffix } = grouped(now);
    for (const key of old ? groupKeys(old) : []) {
      if (!byKey.has(key)) this.setIn(this.byKey, key, uri, undefined);
      const sep = key.indexOf('::');
      if (sep >= 0) {
        const suffix = key.slice(sep + 2);
        if (!bySuffix.has(suffix)) this.setIn(this.bySuffix, suffix, uri, undefined);
      }
    }
    for (const [key, bucket] of byKey) this.setIn(this.byKey, key, uri, bucket);
    for (const [suffix, bucket] of bySuffix) this.setIn(this.bySuffix, suffix, uri, bucket);
  }

  clear(): void {
    this.byKey.clear();
    this.bySuffix.clear();
    this.entriesCache.clear();
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** Every statement compared with `key`, without copying the index's arrays. */
  *statementsFor(key: string): IterableIterator<IndexedStatement> {
    for (const entry of this.entriesFor(key)) for (const bucket of entry.buckets.values()) yield* bucket;
  }

  /** `uri`'s own statements compared with `key`. */
  ownStatements(key: string, uri: string): IndexedStatement[] {
    return this.entriesFor(key).flatMap((e) => e.buckets.get(uri) ?? []);
  }

  /**
   * Statements of `status` compared with `key` in documents other than `exceptUri`: their
   * number, and the first `limit` by URI and offset. Costs `limit`, not the number of
   * documents that state it.
   */
  statedElsewhere(key: string, status: ParticipationStatus, exceptUri: string, limit: number): StatedElsewhere {
    const entries = this.entriesFor(key);
    let count = 0;
    for (const e of entries) count += (e.statuses.get(status) ?? 0) - e.countOf(exceptUri, status);
    const first: IndexedStatement[] = [];
    const lists = entries.map((e) => e.docsWith.get(status) ?? []);
    const at = lists.map(() => 0);
    while (first.length < limit) {
      // The next document in URI order across the (one or two) lists.
      let pick = -1;
      for (let i = 0; i < lists.length; i++) if (at[i] < lists[i].length && (pick < 0 || lists[i][at[i]] < lists[pick][at[pick]])) pick = i;
      if (pick < 0) break;
      const uri = lists[pick][at[pick]];
      for (let i = 0; i < lists.length; i++) if (lists[i][at[i]] === uri) at[i]++;
      if (uri === exceptUri) continue;
      const stated = entries.flatMap((e) => e.buckets.get(uri) ?? []).filter((x) => x.statement.status === status);
      stated.sort((a, b) => a.statement.start - b.statement.start);
      for (const x of stated) if (first.length < limit) first.push(x);
    }
    return { count, first };
  }

  /** Statuses stated for `key` by documents other than `uri`, as bits (`STATUS_BIT`). */
  statusBitsOthers(key: string, uri: string): number {
    let bits = 0;
    for (const entry of this.entriesFor(key)) bits |= entry.statusBitsBesides(uri);
    return bits;
  }

  urisFor(key: string): Set<string> {
    const out = new Set<string>();
    for (const entry of this.entriesFor(key)) for (const uri of entry.buckets.keys()) out.add(uri);
    return out;
  }

  /** Whether any document, the asking one included, states `status` for `key`. */
  states(key: string, status: ParticipationStatus): boolean {
    for (const entry of this.entriesFor(key)) if (entry.statuses.has(status)) return true;
    return false;
  }

  /**
   * The entries a key is compared with (its own, and the unscoped one of its suffix).
   * Cached: asked several times per key at every keystroke; the cache is dropped when an
   * entry is created or removed, which typing rarely does.
   */
  private entriesFor(key: string): KeyEntry[] {
    let entries = this.entriesCache.get(key);
    if (!entries) {
      const sep = key.indexOf('::');
      const suffix = sep < 0 ? '' : key.slice(sep + 2);
      entries = sep < 0 ? present(this.byKey.get(key)) : sep === 0 ? present(this.bySuffix.get(suffix)) : [...present(this.byKey.get(key)), ...present(this.byKey.get(`::${suffix}`))];
      this.entriesCache.set(key, entries);
    }
    return entries;
  }

  private setIn(map: Map<string, KeyEntry>, key: string, uri: string, bucket: IndexedStatement[] | undefined): void {
    let entry = map.get(key);
    if (!entry) {
      if (!bucket) return;
      map.set(key, (entry = new KeyEntry()));
      this.entriesCache.clear();
    }
    entry.set(uri, bucket);
    if (!entry.buckets.size) {
      map.delete(key);
      this.entriesCache.clear();
    }
  }
}

function present(entry: KeyEntry | undefined): KeyEntry[] {
  return entry ? [entry] : [];
}

interface Grouped {
  byKey: Map<string, IndexedStatement[]>;
  bySuffix: Map<string, IndexedStatement[]>;
}

/** A model's statements by key and by unscoped suffix, in document order, as the index keeps them. */
function grouped(model: DocumentModel | undefined): Grouped {
  const g: Grouped = { byKey: new Map(), bySuffix: new Map() };
  if (!model) return g;
  for (const statement of model.statements) {
    const entry: IndexedStatement = { uri: model.uri, statement, model };
    push(g.byKey, statement.key, entry);
    const sep = statement.key.indexOf('::');
    if (sep >= 0) push(g.bySuffix, statement.key.slice(sep + 2), entry);
  }
  // Arrays of the exact size: a grown array keeps room for 17, and the index holds 100,000s of them.
  for (const m of [g.byKey, g.bySuffix]) for (const [k, list] of m) if (list.length > 1) m.set(k, list.slice());
  return g;
}

function groupKeys(model: DocumentModel): Set<string> {
  const keys = new Set<string>();
  for (const s of model.statements) keys.add(s.key);
  return keys;
}

function push(map: Map<string, IndexedStatement[]>, key: string, entry: IndexedStatement): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

/** Term usages of every document: counts per form, and which documents use each family. */
export class TermIndex {
  private readonly forms = new Map<string, Map<string, number>>();
  private readonly users = new Map<string, Map<string, DocumentModel>>();
  /** Documents writing each family+form, in URI order; valid until the index changes. */
  private writers = new Map<string, DocumentModel[]>();

  add(model: DocumentModel): void {
    if (model.terms.length) this.writers.clear();
    for (const t of model.terms) {
      let forms = this.forms.get(t.family);
      if (!forms) this.forms.set(t.family, (forms = new Map()));
      forms.set(t.form, (forms.get(t.form) ?? 0) + 1);
      let users = this.users.get(t.family);
      if (!users) this.users.set(t.family, (users = new Map()));
      users.set(model.uri, model);
    }
  }

  remove(model: DocumentModel): void {
    if (model.terms.length) this.writers.clear();
    for (const t of model.terms) {
      const forms = this.forms.get(t.family);
      if (forms) {
        const n = (forms.get(t.form) ?? 0) - 1;
        if (n > 0) forms.set(t.form, n);
        else forms.delete(t.form);
      }
      this.users.get(t.family)?.delete(model.uri);
    }
  }

  clear(): void {
    this.forms.clear();
    this.users.clear();
    this.writers.clear();
  }

  /** The documents that write `form` of `family`, in URI order (sorted once per change of the index, not per question). */
  writersOf(family: string, form: string): readonly DocumentModel[] {
    const key = `${family}\0${form}`;
    let list = this.writers.get(key);
    if (!list) {
      list = [...this.usersOf(family)].filter((m) => m.terms.some((t) => t.family === family && t.form === form));
      list.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
      this.writers.set(key, list);
    }
    return list;
  }

  formsOf(family: string): ReadonlyMap<string, number> {
    return this.forms.get(family) ?? EMPTY;
  }

  usersOf(family: string): Iterable<DocumentModel> {
    return this.users.get(family)?.values() ?? [];
  }
}

const EMPTY: ReadonlyMap<string, number> = new Map();

/** The form used most; ties go to the alphabetically first, so the choice is stable. */
export function mostUsedForm(forms: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = -1;
  for (const [form, count] of forms) {
    if (count > bestCount || (count === bestCount && best !== undefined && form < best)) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}

/**
 * What other documents can see of one document's statements (status, place, words) or term
 * usages (form, place), per key or family: if it is unchanged, their findings are too. The
 * `shape` leaves the places out: when only it is unchanged, other documents' findings differ
 * only in where their related locations point.
 */
export interface Signature {
  full: string;
  shape: string;
}

/** The signature of one key's statements in a model (`statements`: the model's statements under that key, in order). */
export function statementSignature(model: DocumentModel, statements: readonly ParticipationStatement[]): Signature {
  return signatureOf(model, statements, (s) => `${s.status}:${s.aspect}`);
}

/** Per term family, the signature of a model's usages; asked twice per model (as the new version, then as the old one at the next edit). */
export function termSignatures(model: DocumentModel | undefined): Map<string, Signature> {
  if (!model) return new Map();
  let sigs = termMemo.get(model);
  if (!sigs) {
    const byFamily = new Map<string, TermUsage[]>();
    for (const t of model.terms) {
      const list = byFamily.get(t.family);
      if (list) list.push(t);
      else byFamily.set(t.family, [t]);
    }
    sigs = new Map([...byFamily].map(([family, usages]) => [family, signatureOf(model, usages, (t) => t.form)]));
    termMemo.set(model, sigs);
  }
  return sigs;
}

const termMemo = new WeakMap<DocumentModel, Map<string, Signature>>();

function signatureOf<T extends { start: number; end: number }>(model: DocumentModel, items: readonly T[], what: (x: T) => string): Signature {
  let full = '';
  let shape = '';
  for (const x of items) {
    const w = `|${what(x)}`;
    full += `${w}${place(model, x)}`;
    shape += w;
  }
  return { full, shape };
}

/** The whole range: other documents' related locations show both ends. */
function place(model: DocumentModel, x: { start: number; end: number }): string {
  const p = model.lines.positionAt(x.start);
  const q = model.lines.positionAt(x.end);
  return `@${p.line}:${p.character}-${q.line}:${q.character}`;
}
