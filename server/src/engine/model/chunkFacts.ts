import type { ParsedChunk } from '../parse/markdown';
import { splitSentences } from '../parse/sentences';
import type { ParticipationStatus } from '../types';
import { inlineLabel } from './labels';
import { findModals, primaryModal, type ModalUse } from './normative';
import type { ParticipationStatement } from './participation';
import type { SharedAnalyses } from './sharedAnalyses';
import type { Vocabulary } from './vocabulary';

/** One sentence of a chunk, analysed once for as long as the chunk's text and the vocabulary stay the same. */
export interface SentenceFacts {
  /** Offsets relative to the chunk. */
  start: number;
  end: number;
  /** The sentence as prose. */
  text: string;
  /** An inline label, offsets relative to the sentence. */
  inline?: { status: ParticipationStatus; start: number; end: number };
  modals: ModalUse[];
  primary?: ModalUse;
  /**
   * Statements the sentence makes under a given label, relative to the sentence, indexed
   * by `derivedKey`. Always present (undefined until used), so every sentence has one shape.
   */
  derived: Array<DerivedStatements | undefined> | undefined;
}

export interface DerivedStatements {
  statements: ParticipationStatement[];
  unclear: Array<Omit<ParticipationStatement, 'status'>>;
}

/** What statements depend on besides the sentence: the program and the registry's aliases. */
export interface StatementScope {
  program?: string;
  aliases: Map<string, string>;
}

interface ChunkFacts {
  vocabulary: Vocabulary;
  scope: StatementScope;
  /** Per block of the chunk, its sentences; filled as blocks are read. */
  blocks: Array<SentenceFacts[] | undefined>;
}

/** Caches of the previous version, for chunks that are new in this one (a long document without headings is one chunk). */
export interface SentenceCaches {
  modals: Map<string, ModalUse[]>;
  previousModals?: ReadonlyMap<string, ModalUse[]>;
  /** Analyses shared with the other documents of the project, if it shares them. */
  shared?: SharedAnalyses;
}

/**
 * The sentences of block `index` of `chunk`, analysed now or earlier. Statement memos
 * are dropped when the scope they were made for changed.
 */
export function sentencesOf(chunk: ParsedChunk, index: number, vocabulary: Vocabulary, scope: StatementScope, caches: SentenceCaches): SentenceFacts[] {
  let facts = chunk.memo as ChunkFacts | undefined;
  if (!facts || facts.vocabulary !== vocabulary) {
    facts = { vocabulary, scope, blocks: [] };
    chunk.memo = facts;
  } else if (facts.scope.program !== scope.program || facts.scope.aliases !== scope.aliases) {
    for (const sentences of facts.blocks) for (const s of sentences ?? []) s.derived = undefined;
    facts.scope = scope;
  }
  let sentences = facts.blocks[index];
  if (!sentences) {
    const block = chunk.blocks[index];
    sentences = splitSentences(chunk.prose, block.start, block.end).map(([start, end]) => {
      const text = chunk.prose.slice(start, end);
      const own = inlineLabel(text, vocabulary);
      let modals = caches.modals.get(text) ?? caches.previousModals?.get(text) ?? caches.shared?.modals(vocabulary, text);
      if (!modals) {
        modals = findModals(text, vocabulary);
        caches.shared?.setModals(vocabulary, text, modals);
      }
      caches.modals.set(text, modals);
      return { start, end, text, inline: own && { status: own.status, start: own.start, end: own.end }, modals, primary: primaryModal(modals), derived: undefined };
    });
    facts.blocks[index] = sentences;
  }
  return sentences;
}

const STATUS_CODE: Record<string, number> = { mandatory: 1, optional: 2 };
const SOURCE_CODE: Record<string, number> = { inline: 1, paragraph: 2, 'list-item': 3, table: 4, section: 5 };

/**
 * The memo key for a sentence's statements: they depend on its label, on whether its
 * section only informs, and on whether it is in a list item. A small integer, not a
 * string: it is looked up for every clause of the document at every keystroke, and
 * building and hashing a string cost more than the rest.
 */
export function derivedKey(label: { status: ParticipationStatus; source: string } | undefined, informative: boolean, inList: boolean): number {
  const labelCode = label ? (STATUS_CODE[label.status] ?? 3) * 8 + (SOURCE_CODE[label.source] ?? 7) : 0;
  return (labelCode * 2 + (informative ? 1 : 0)) * 2 + (inList ? 1 : 0);
}
