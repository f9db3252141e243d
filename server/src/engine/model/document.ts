import type { PolicyLintConfig } from '../config/types';
import type { InputProblem, ParticipationStatus } from '../types';
import { flatCopy, LineIndex } from '../text';
import { parseFrontMatter, type FrontMatter } from '../parse/frontMatter';
import { emptyChunkCache, parseMarkdown, type Block, type ChunkCache, type PlacedChunk } from '../parse/markdown';
import { derivedKey, sentencesOf, type DerivedStatements, type SentenceCaches, type StatementScope } from './chunkFacts';
import { vocabularyFor, type Vocabulary } from './vocabulary';
import { headingLabel, isInformativeHeading, cleanHeading } from './labels';
import type { ModalUse } from './normative';
import { makeResolver, statusWord, type AspectResolver } from './aspects';
import type { SharedAnalyses } from './sharedAnalyses';
import { nounPhraseStatement, predicateStatement, wordingStatements, type ParticipationStatement } from './participation';
import { compileTerms, findTerms, type TermUsage } from './terms';
import { readSuppressions, type DirectiveProblem, type Suppression } from './suppressions';

export interface Section {
  title: string;
  level: number;
  /** Offsets of the heading text. */
  start: number;
  end: number;
  line: number;
  /** Offset where the section's content ends (next heading of the same or higher level). */
  contentEnd: number;
  label?: { status: ParticipationStatus; start: number; end: number };
  informative: boolean;
  parent?: Section;
}

export type LabelSource = 'inline' | 'paragraph' | 'list-item' | 'table' | 'section';

export interface Clause {
  index: number;
  start: number;
  end: number;
  /** The clause as prose (non-prose blanked), same length as the source slice. */
  text: string;
  /** The block it is in; its offsets are relative to its chunk (blocks are shared by the versions a chunk is in). */
  block: Block;
  section?: Section;
  inlineLabel?: { status: ParticipationStatus; start: number; end: number };
  label?: { status: ParticipationStatus; source: LabelSource; start: number; end: number };
  informative: boolean;
  modals: ModalUse[];
  /** The modal that makes the clause normative; undefined for a clause that binds no participant. */
  primary?: ModalUse;
}

export interface DocumentModel {
  uri: string;
  text: string;
  lines: LineIndex;
  prose: string;
  frontMatter: FrontMatter;
  /** Key of the program named in front matter (registry-canonical), if any. */
  programKey?: string;
  problems: InputProblem[];
  sections: Section[];
  clauses: Clause[];
  /** Start offset of each clause, in order (all a model made from facts keeps of its clauses). */
  clauseStarts: number[];
  statements: ParticipationStatement[];
  /** Aspects bound by ambiguous wording ("States should share X") and no label: neither status is stated. */
  unclear: Array<Omit<ParticipationStatement, 'status'>>;
  terms: TermUsage[];
  suppressions: Suppression[];
  directiveProblems: DirectiveProblem[];
  vocabulary: Vocabulary;
  config: PolicyLintConfig;
  /** Modal analysis by clause text, for reuse by the next version of the document. */
  modalCache: ReadonlyMap<string, ModalUse[]>;
  /** Wording statements by clause text, offsets relative to the clause, valid for `statementScope`. */
  wordingCache: ReadonlyMap<string, ParticipationStatement[]>;
  statementScope: StatementScope;
  /** Parsed chunks of this version by text, for reuse by the next version. */
  chunks: Readonly<ChunkCache>;
  /** Phrase → aspect key, for the same scope; the next version adds to it (an empty one is never reused, see `makeResolver`). */
  resolveMemo: Map<string, string | undefined>;
}

/**
 * What a model keeps when it is not being edited: nothing. Shared and never written, so
 * the thousands of models of a workspace do not each carry six empty maps.
 */
const NO_CACHES = Object.freeze({
  modalCache: new Map<string, ModalUse[]>() as ReadonlyMap<string, ModalUse[]>,
  wordingCache: new Map<string, ParticipationStatement[]>() as ReadonlyMap<string, ParticipationStatement[]>,
  chunks: Object.freeze(emptyChunkCache()) as Readonly<ChunkCache>,
  resolveMemo: new Map<string, string | undefined>(),
});

export interface ModelOptions {
  /** The document's previous model: unchanged chunks and clauses are reused from it. */
  previous?: DocumentModel;
  /** Registry aliases: normalised phrase → aspect key. */
  aliases: Map<string, string>;
  knownRules: Set<string>;
  /**
   * Keep what the next version can reuse (parsed chunks, sentence analyses, memos): for a
   * document being edited. Without it the model keeps only its results, which is what a
   * workspace of thousands of documents can afford.
   */
  retainCaches?: boolean;
  /** Sentence analyses shared with the project's other documents (see `SharedAnalyses`). */
  shared?: SharedAnalyses;
}

export function buildDocumentModel(uri: string, text: string, config: PolicyLintConfig, options: ModelOptions): DocumentModel {
  const lines = new LineIndex(text);
  const fm = parseFrontMatter(text, uri, lines);
  const previous = options.previous;
  const retain = options.retainCaches === true;
  const parsed = parseMarkdown(text, fm.bodyStart, lines, previous?.chunks, retain);
  const { prose, codeLines } = parsed;
  const vocabulary = vocabularyFor(config, fm.data.participants, fm.data.issuer);
  const prevScope = previous?.statementScope;
  const sameScope = prevScope !== undefined && prevScope.aliases === options.aliases && prevScope.program === fm.data.program;
  const scope: StatementScope = sameScope ? prevScope : { program: fm.data.program, aliases: options.aliases };
  const resolver = makeResolver(fm.data.program, options.aliases, sameScope ? previous!.resolveMemo : undefined, options.shared?.phraseKeys(options.aliases, fm.data.program));

  const sections = buildSections(parsed.chunks, vocabulary, text.length);
  const clauses: Clause[] = [];
  const statements: ParticipationStatement[] = [];
  const unclear: DocumentModel['unclear'] = [];
  const itemLabels = new Map<number, Clause['label']>();
  const tables = new Map<number, { statusColumn: number; rowLabels: Map<number, Clause['label']> }>();
  let sectionIndex = -1;
  const shared = options.shared;
  const sharedDerived = shared?.derivedFor(vocabulary, scope);
  const caches: SentenceCaches = { modals: new Map(), previousModals: previous?.vocabulary === vocabulary ? previous.modalCache : undefined, shared };
  const wordingCache = new Map<string, ParticipationStatement[]>();
  const previousWording = sameScope ? previous!.wordingCache : undefined;

  let labelledSection: Section | undefined | null = null;
  let sectionClauseLabel: Clause['label'];
  let sectionInformative = false;
  for (const placed of parsed.chunks) {
    // Blocks stay relative to their chunk (shared by the versions the chunk is in); clauses get document offsets.
    placed.chunk.blocks.forEach((block, blockIndex) => {
      const blockStart = block.start + placed.offset;
      while (sectionIndex + 1 < sections.length && sections[sectionIndex + 1].start <= blockStart) sectionIndex++;
      const section = sectionIndex >= 0 ? sections[sectionIndex] : undefined;
      if (block.kind === 'heading') return;
      if (section !== labelledSection) {
        labelledSection = section;
        const effective = effectiveSectionLabel(section);
        sectionInformative = effective.informative;
        // One label object per section, shared by its clauses.
        sectionClauseLabel = effective.label && { status: effective.label.status, source: 'section', start: effective.label.start, end: effective.label.end };
      }
      if (block.table && handleTableCell(block, blockStart, block.end + placed.offset)) return;

      let paragraphLabel: Clause['label'];
      sentencesOf(placed.chunk, blockIndex, vocabulary, scope, caches).forEach((facts, i) => {
        const start = placed.offset + facts.start;
        const inline = facts.inline && { status: facts.inline.status, start: start + facts.inline.start, end: start + facts.inline.end };
        // Object literals, not spreads: this runs for every clause of the document at every keystroke.
        let label: Clause['label'] = inline ? { status: inline.status, source: 'inline', start: inline.start, end: inline.end } : paragraphLabel;
        if (i === 0 && inline) {
          paragraphLabel = { status: inline.status, source: 'paragraph', start: inline.start, end: inline.end };
          if (block.listItemStart && block.listPath.length) itemLabels.set(block.listPath[block.listPath.length - 1], { status: inline.status, source: 'list-item', start: inline.start, end: inline.end });
        }
        if (!label) {
          for (let p = block.listPath.length - 1; p >= 0 && !label; p--) label = itemLabels.get(block.listPath[p]);
        }
        if (!label && block.table) label = tables.get(block.table.id)?.rowLabels.get(block.table.row);
        if (!label) label = sectionClauseLabel;
        const clause: Clause = {
          index: clauses.length,
          start,
          end: placed.offset + facts.end,
          text: facts.text,
          block,
          section,
          inlineLabel: inline,
          label,
          informative: !label && sectionInformative,
          modals: facts.modals,
          primary: facts.primary,
        };
        clauses.push(clause);
        const key = derivedKey(clause.label, clause.informative, block.listDepth > 0);
        let derived = facts.derived?.[key];
        if (!derived) {
          // Beyond the sentence's own memo: the same sentence in the same context in another document.
          derived = sharedDerived?.get(key, clause.text);
          if (!derived) {
            derived = deriveStatements(clause);
            sharedDerived?.set(key, clause.text, derived);
          }
          (facts.derived ??= [])[key] = derived;
        }
        for (const s of derived.statements) statements.push({ key: s.key, aspect: s.aspect, status: s.status, start: s.start + start, end: s.end + start, evidence: s.evidence });
        for (const s of derived.unclear) unclear.push({ key: s.key, aspect: s.aspect, start: s.start + start, end: s.end + start, evidence: s.evidence });
      });
    });
  }

  const terms = findTerms(prose, compileTerms(config.terms));
  const { suppressions, problems: directiveProblems } = readSuppressions(text, lines, codeLines, options.knownRules);
  return {
    uri, text, lines, prose, frontMatter: fm.data, programKey: resolver.programKey, problems: fm.problems, sections, clauses,
    clauseStarts: clauses.map((c) => c.start), statements, unclear, terms,
    suppressions, directiveProblems, vocabulary, config,
    modalCache: retain ? caches.modals : NO_CACHES.modalCache,
    wordingCache: retain ? wordingCache : NO_CACHES.wordingCache,
    chunks: retain ? parsed.cache : NO_CACHES.chunks,
    statementScope: scope,
    resolveMemo: retain ? resolver.memo : NO_CACHES.resolveMemo,
  };

  /** The statements a clause makes, with offsets relative to the clause: memoised per sentence and label. */
  function deriveStatements(clause: Clause): DerivedStatements {
    const out: DerivedStatements = { statements: [], unclear: [] };
    const bodyOffset = clause.inlineLabel ? clause.inlineLabel.end - clause.start : 0;
    const body = bodyOffset ? clause.text.slice(bodyOffset) : clause.text;
    let relative = wordingCache.get(body) ?? previousWording?.get(body);
    if (!relative) relative = wordingStatements(body, 0, resolver);
    wordingCache.set(body, relative);
    for (const r of relative) out.statements.push({ ...r, start: r.start + bodyOffset, end: r.end + bodyOffset });
    const main = clause.primary ?? clause.modals.find((m) => m.subject !== 'issuer' && m.subject !== 'other');
    if (relative.length || clause.informative) return out; // the wording said it already, or the section only informs
    if (main && !main.conditional) {
      const implied = main.force === 'obligation' ? 'mandatory' : main.force === 'permission' ? 'optional' : undefined;
      if (main.force === 'ambiguous' && !clause.label && main.subject === 'participant') {
        const s = predicateStatement(clause.text, 0, main, 'optional', 'wording', resolver);
        if (s) out.unclear.push({ key: s.key, aspect: s.aspect, start: s.start, end: s.end, evidence: s.evidence });
      }
      const status = clause.label?.status ?? implied;
      if (status && (clause.label || main.subject === 'participant')) {
        const s = predicateStatement(clause.text, 0, main, status, clause.label ? 'label' : 'wording', resolver);
        if (s) out.statements.push(s);
      }
    } else if (!clause.modals.length && clause.label && clause.label.source !== 'section') {
      const s = nounPhraseStatement(body, bodyOffset, clause.label.status, resolver);
      if (s) out.statements.push(s);
    } else if (!clause.modals.length && clause.label?.source === 'section' && clause.block.listDepth > 0) {
      // A bare list item under "Optional aspects" names an aspect with that status.
      const s = nounPhraseStatement(body, bodyOffset, clause.label.status, resolver);
      if (s) out.statements.push(s);
    }
    return out;
  }

  /** Reads a table cell. Returns true when the cell is a status cell (not prose to lint as a clause). */
  function handleTableCell(block: Block, start: number, end: number): boolean {
    const t = block.table!;
    let table = tables.get(t.id);
    if (!table) tables.set(t.id, (table = { statusColumn: -1, rowLabels: new Map() }));
    const cell = readCell(block, vocabulary, prose, start, end);
    if (t.header) {
      if (cell.namesStatusColumn) table.statusColumn = t.column;
      return true; // header cells are names, not clauses
    }
    if (t.column !== table.statusColumn) return false;
    const status = cell.status;
    if (!status) return true;
    const label = { status, source: 'table' as const, start, end };
    table.rowLabels.set(t.row, label);
    // Cells left of the status cell were read already: give them the row's label now.
    const rowCells: Clause[] = [];
    for (let c = clauses.length - 1; c >= 0 && clauses[c].block.table?.id === t.id && clauses[c].block.table!.row === t.row; c--) rowCells.unshift(clauses[c]);
    for (const cl of rowCells) {
      if (cl.inlineLabel) continue;
      cl.label = label;
      cl.informative = false;
    }
    // The row's first cell names the aspect: "Fingerprint sharing | Mandatory".
    const first = rowCells[0];
    if (first && !first.modals.length) {
      const s = rowStatement(first, status, scope, resolver);
      if (s) statements.push({ key: s.key, aspect: s.aspect, status: s.status, start: s.start + first.start, end: s.end + first.start, evidence: s.evidence });
    }
    return true;
  }
}

/**
 * What a table cell says, by its block: blocks of unchanged chunks are the same objects
 * from one keystroke to the next, so a long document's tables are not read again each time.
 */
interface CellFacts {
  vocabulary: Vocabulary;
  /** A header cell naming the participation column ("Status", "Participation"). */
  namesStatusColumn: boolean;
  /** A body cell's status word, if it is one ("Mandatory", "Optional"). */
  status: ParticipationStatus | undefined;
}

const cellMemo = new WeakMap<Block, CellFacts>();

function readCell(block: Block, vocabulary: Vocabulary, prose: string, start: number, end: number): CellFacts {
  let facts = cellMemo.get(block);
  if (facts?.vocabulary === vocabulary) return facts;
  const cellText = prose.slice(start, end);
  const word = cellText.replace(/[*_`[\]]/g, '').trim().split(/[\s,;:(]/)[0];
  facts = {
    vocabulary,
    namesStatusColumn: vocabulary.participationColumns.has(cellText.replace(/[*_`]/g, '').trim().toLowerCase()),
    status: vocabulary.labelWords.get(word.toLowerCase()) ?? statusWord(word),
  };
  cellMemo.set(block, facts);
  return facts;
}

/** The statement a row's first cell makes under the row's status ("Fingerprint sharing | Mandatory"), relative to the cell; memoised by its block. */
const rowMemo = new WeakMap<Block, { scope: StatementScope; status: ParticipationStatus; statement: ParticipationStatement | undefined }>();

function rowStatement(first: Clause, status: ParticipationStatus, scope: StatementScope, resolver: AspectResolver): ParticipationStatement | undefined {
  const memo = rowMemo.get(first.block);
  if (memo && memo.scope === scope && memo.status === status) return memo.statement;
  const statement = nounPhraseStatement(first.text, 0, status, resolver);
  rowMemo.set(first.block, { scope, status, statement });
  return statement;
}

/** What a document's analysis leaves for the rest of the project: plain data, so a worker thread can send it. */
export interface ModelFacts {
  uri: string;
  text: string;
  frontMatter: FrontMatter;
  programKey?: string;
  problems: InputProblem[];
  clauseStarts: number[];
  statements: ParticipationStatement[];
  unclear: DocumentModel['unclear'];
  terms: TermUsage[];
  suppressions: Suppression[];
  directiveProblems: DirectiveProblem[];
}

export function modelFacts(m: DocumentModel): ModelFacts {
  const { uri, text, frontMatter, programKey, problems, clauseStarts, statements, unclear, terms, suppressions, directiveProblems } = m;
  return { uri, text, frontMatter, programKey, problems, clauseStarts, statements, unclear, terms, suppressions, directiveProblems };
}

/**
 * A model rebuilt from facts analysed elsewhere (a worker thread): enough for project-scope
 * rules, findings and summaries. It has no clauses, sections or prose.
 */
export function modelFromFacts(facts: ModelFacts, config: PolicyLintConfig, aliases: Map<string, string>, lines = new LineIndex(facts.text)): DocumentModel {
  return {
    ...facts,
    lines,
    prose: '',
    sections: [],
    clauses: [],
    vocabulary: vocabularyFor(config, facts.frontMatter.participants, facts.frontMatter.issuer),
    config,
    ...NO_CACHES,
    statementScope: { program: facts.frontMatter.program, aliases },
  };
}

function buildSections(chunks: PlacedChunk[], vocab: Vocabulary, docEnd: number): Section[] {
  const sections: Section[] = [];
  const stack: Section[] = [];
  for (const { chunk, offset, line } of chunks) {
    for (const b of chunk.blocks) {
      if (b.kind !== 'heading') continue;
      const start = b.start + offset;
      const facts = headingFacts(chunk.prose.slice(b.start, b.end), vocab);
      const level = b.level ?? 1;
      while (stack.length && stack[stack.length - 1].level >= level) stack.pop()!.contentEnd = start;
      const section: Section = {
        title: facts.title,
        level,
        start,
        end: b.end + offset,
        line: b.startLine + line,
        contentEnd: docEnd,
        label: facts.label ? { status: facts.label.status, start: start + facts.label.start, end: start + facts.label.end } : undefined,
        informative: facts.informative,
        parent: stack[stack.length - 1],
      };
      sections.push(section);
      stack.push(section);
    }
  }
  return sections;
}

interface HeadingFacts {
  title: string;
  label?: { status: ParticipationStatus; start: number; end: number };
  informative: boolean;
}

/** Heading analyses by vocabulary and heading text: a document keeps its headings from one keystroke to the next. */
const headingMemo = new WeakMap<Vocabulary, Map<string, HeadingFacts>>();

function headingFacts(raw: string, vocab: Vocabulary): HeadingFacts {
  let memo = headingMemo.get(vocab);
  if (!memo) headingMemo.set(vocab, (memo = new Map()));
  let facts = memo.get(raw);
  if (!facts) {
    const label = headingLabel(raw, vocab);
    facts = {
      title: flatCopy(cleanHeading(raw)), // a slice would keep the whole chunk's text alive in the memo
      label: label && { status: label.status, start: label.start, end: label.end },
      informative: !label && isInformativeHeading(raw, vocab),
    };
    if (memo.size >= 5_000) memo.clear(); // bounded: headings typed letter by letter add entries
    memo.set(flatCopy(raw), facts);
  }
  return facts;
}

/** The nearest enclosing section that is labelled or informative decides. */
function effectiveSectionLabel(section: Section | undefined): { label?: Section['label']; informative: boolean } {
  for (let s = section; s; s = s.parent) {
    if (s.label) return { label: s.label, informative: false };
    if (s.informative) return { informative: true };
  }
  return { informative: false };
}
