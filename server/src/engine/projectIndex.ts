import type { DocumentModel } from './model/document';
import type { ParticipationStatement } from './model/participation';
import type { ParticipationStatus } from './types';

export interface IndexedStatement {
  uri: string;
  statement: ParticipationStatement;
  model: DocumentModel;
}

/**
 * Participation statements of every document, by aspect key. Documents that name no
 * program state aspects without scope (`::words`); those are compared with the same
 * aspect of every program, through the index by suffix.
 */
export class StatementIndex {
  private readonly byKey = new Map<string, IndexedStatement[]>();
  private readonly bySuffix = new Map<string, IndexedStatement[]>();

  add(model: DocumentModel): void {
    for (const statement of model.statements) {
      const entry = { uri: model.uri, statement, model };
      push(this.byKey, statement.key, entry);
      const sep = statement.key.indexOf('::');
      if (sep >= 0) push(this.bySuffix, statement.key.slice(sep + 2), entry);
    }
  }

  remove(model: DocumentModel): void {
    for (const key of new Set(model.statements.map((s) => s.key))) {
      drop(this.byKey, key, model);
      const sep = key.indexOf('::');
      if (sep >= 0) drop(this.bySuffix, key.slice(sep + 2), model);
    }
  }

  clear(): void {
    this.byKey.clear();
    this.bySuffix.clear();
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** Every statement compared with `key`, without copying the index's arrays. */
  *statementsFor(key: string): IterableIterator<IndexedStatement> {
    const sep = key.indexOf('::');
    if (sep < 0) {
      yield* this.byKey.get(key) ?? [];
      return;
    }
    const suffix = key.slice(sep + 2);
    if (sep === 0) {
      yield* this.bySuffix.get(suffix) ?? [];
      return;
    }
    yield* this.byKey.get(key) ?? [];
    yield* this.byKey.get(`::${suffix}`) ?? [];
  }

  /** Statuses stated for `key` by documents other than `uri`. */
  statusesOthers(key: string, uri: string): Set<ParticipationStatus> {
    const out = new Set<ParticipationStatus>();
    for (const e of this.statementsFor(key)) if (e.uri !== uri) out.add(e.statement.status);
    return out;
  }

  urisFor(key: string): Set<string> {
    const out = new Set<string>();
    for (const e of this.statementsFor(key)) out.add(e.uri);
    return out;
  }
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
 * usages (form, place), per key or family: if it is unchanged, their findings are too.
 */
export function statementSignatures(model: DocumentModel | undefined): Map<string, string> {
  return signatures(model, model?.statements ?? [], (s) => s.key, (s) => `${s.status}:${s.aspect}`);
}

export function termSignatures(model: DocumentModel | undefined): Map<string, string> {
  return signatures(model, model?.terms ?? [], (t) => t.family, (t) => t.form);
}

function signatures<T extends { start: number }>(model: DocumentModel | undefined, items: T[], group: (x: T) => string, what: (x: T) => string): Map<string, string> {
  const out = new Map<string, string>();
  if (!model) return out;
  for (const x of items) {
    const p = model.lines.positionAt(x.start);
    const g = group(x);
    out.set(g, `${out.get(g) ?? ''}|${what(x)}@${p.line}:${p.character}`);
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function drop(map: Map<string, IndexedStatement[]>, key: string, model: DocumentModel): void {
  const list = map.get(key);
  if (!list) return;
  const rest = list.filter((e) => e.model !== model);
  if (rest.length) map.set(key, rest);
  else map.delete(key);
}
