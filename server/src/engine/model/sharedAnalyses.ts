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
  private readonly derivedByScope = new WeakMap<Map<string, string>, Map<string, DerivedMemo>>();
  private readonly phraseKeysByScope = new WeakMap<Map<string, string>, Map<string, Map<string, string | null>>>();

  /**
   * Aspect keys of phrases, by registry (its aliases map) and program: a resolution depends
   * on nothing else. The resolver fills it (bounded there); null is "names nothing".
   */
  phraseKeys(aliases: Map<string, string>, program: string | undefined): Map<string, string | null> {
    let byProgram = this.phraseKeysByScope.get(aliases);
    if (!byProgram) this.phraseKeysByScope.set(aliases, (byProgram = new Map()));
    let keys = byProgram.get(program ?? '');
    if (!keys) byProgram.set(program ?? '', (keys = new Map()));
    return keys;
  }

  modals(vocabulary: Vocabulary, text: string): ModalUse[] | undefined {
    return this.modalsByVocabulary.get(vocabulary)?.get(text);
  }

  setModals(vocabulary: Vocabulary, text: string, modals: ModalUse[]): void {
    let map = this.modalsByVocabulary.get(vocabulary);
    if (!map) this.modalsByVocabulary.set(vocabulary, (map = new Map()));
    put(map, text, modals);
  }

  /**
   * Statements clauses make, for one document's vocabulary and statement scope: by the
   * clause's text and context (its label, whether its section only informs, whether it is a
   * list item: a small integer, see `derivedKey`). Asked once per document, so the lookup
   * per clause is one map by text.
   */
  derivedFor(vocabulary: Vocabulary, scope: StatementScope): DerivedMemo {
    let byProgram = this.derivedByScope.get(scope.aliases);
    if (!byProgram) this.derivedByScope.set(scope.aliases, (byProgram = new Map()));
    // The vocabulary is one of few (memoised by participants and issuer): its identity is part of the key.
    const id = `${vocabularyId(vocabulary)}\0${scope.program ?? ''}`;
    let memo = byProgram.get(id);
    if (!memo) byProgram.set(id, (memo = new DerivedMemo()));
    return memo;
  }
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

const vocabularyIds = new WeakMap<Vocabulary, number>();
let nextVocabularyId = 1;

function vocabularyId(v: Vocabulary): number {
  let id = vocabularyIds.get(v);
  if (id === undefined) vocabularyIds.set(v, (id = nextVocabularyId++));
  return id;
}

function put<T>(map: Map<string, T>, text: string, value: T): void {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(flatCopy(text), value);
}
