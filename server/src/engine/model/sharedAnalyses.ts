import { flatCopy } from '../text';
import type { DerivedStatements, StatementScope } from './chunkFacts';
import type { ModalUse } from './normative';
import type { Vocabulary } from './vocabulary';

/** Entries per map before it starts again: bounds the memory whatever the number of documents. */
const MAX_ENTRIES = 20_000;

/**
 * Sentence analyses shared by the documents of one project: policy libraries repeat their
 * sentences (standard sections, snippet-pack templates, boilerplate), and a sentence's
 * modal verbs and statements depend only on its text, the vocabulary and the statement
 * scope, never on the document it is in. Per-document caches already serve a document's
 * next version; this serves the next document.
 *
 * Keys are copies, not slices, so an entry does not keep a document's text alive. Each map
 * is emptied when it reaches `MAX_ENTRIES`.
 */
export class SharedAnalyses {
  private readonly modalsByVocabulary = new WeakMap<Vocabulary, Map<string, ModalUse[]>>();
  /** By registry (its aliases map, replaced when the registry changes), then program. */
  private readonly byScope = new WeakMap<Map<string, string>, Map<string, ScopeAnalyses>>();

  modals(vocabulary: Vocabulary, text: string): ModalUse[] | undefined {
    return this.modalsByVocabulary.get(vocabulary)?.get(text);
  }

  setModals(vocabulary: Vocabulary, text: string, modals: ModalUse[]): void {
    let map = this.modalsByVocabulary.get(vocabulary);
    if (!map) this.modalsByVocabulary.set(vocabulary, (map = new Map()));
    put(map, text, modals);
  }

  /**
   * Aspect keys of phrases for a registry and program: a resolution depends on nothing
   * else. The resolver fills it (bounded there); null is "names nothing".
   */
  phraseKeys(aliases: Map<string, string>, program: string | undefined): Map<string, string | null> {
    return this.scope(aliases, program).phraseKeys;
  }

  /**
   * Statements clauses make, for one document's vocabulary and statement scope, by the
   * clause's text and context (`derivedKey`). Asked once per document, so the lookup per
   * clause is one map by text.
   */
  derivedFor(vocabulary: Vocabulary, scope: StatementScope): DerivedMemo {
    const byVocabulary = this.scope(scope.aliases, scope.program).derived;
    let memo = byVocabulary.get(vocabulary);
    if (!memo) byVocabulary.set(vocabulary, (memo = new DerivedMemo()));
    return memo;
  }

  private scope(aliases: Map<string, string>, program: string | undefined): ScopeAnalyses {
    let byProgram = this.byScope.get(aliases);
    if (!byProgram) this.byScope.set(aliases, (byProgram = new Map()));
    let analyses = byProgram.get(program ?? '');
    if (!analyses) byProgram.set(program ?? '', (analyses = { phraseKeys: new Map(), derived: new WeakMap() }));
    return analyses;
  }
}

interface ScopeAnalyses {
  phraseKeys: Map<string, string | null>;
  derived: WeakMap<Vocabulary, DerivedMemo>;
}

export class DerivedMemo {
  private readonly byContext: Array<Map<string, DerivedStatements> | undefined> = [];

  get(context: number, text: string): DerivedStatements | undefined {
    return this.byContext[context]?.get(text);
  }

  set(context: number, text: string, derived: DerivedStatements): void {
    put((this.byContext[context] ??= new Map()), text, derived);
  }
}

function put<T>(map: Map<string, T>, text: string, value: T): void {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(flatCopy(text), value);
}
