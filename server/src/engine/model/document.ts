import type { PolicyLintConfig } from '../config/types';
import type { InputProblem, ParticipationStatus } from '../types';
import { LineIndex } from '../text';
import { parseFrontMatter, type FrontMatter } from '../parse/frontMatter';
import { parseMarkdown, type Block } from '../parse/markdown';
import { splitSentences } from '../parse/sentences';
import { vocabularyFor, type Vocabulary } from './vocabulary';
import { headingLabel, inlineLabel, isInformativeHeading, cleanHeading } from './labels';
import { findModals, primaryModal, type ModalUse } from './normative';
import { makeResolver, statusWord } from './aspects';
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
  statements: ParticipationStatement[];
  /** Aspects bound by ambiguous wording ("States should share X") and no label: neither status is stated. */
  unclear: Array<Omit<ParticipationStatement, 'status'>>;
  terms: TermUsage[];
  suppressions: Suppression[];
  directiveProblems: DirectiveProblem[];
  vocabulary: Vocabulary;
  config: PolicyLintConfig;
  /** Modal analysis by clause text, for reuse by the next version of the document. */
  modalCache: Map<string, ModalUse[]>;
  /** Wording statements by clause text, offsets relative to the clause, valid for `statementScope`. */
  wordingCache: Map<string, ParticipationStatement[]>;
  statementScope: { program?: string; aliases: Map<string, string> };
  /** Phrase → aspect key, for the same scope. */
  resolveMemo: Map<string, string | undefined>;
}

export interface ModelOptions {
  /** The document's previous model: the modal analysis of unchanged clauses is reused from it. */
  previous?: DocumentModel;
  /** Registry aliases: normalised phrase → aspect key. */
  aliases: Map<string, string>;
  knownRules: Set<string>;
}

export function buildDocumentModel(uri: string, text: string, config: PolicyLintConfig, options: ModelOptions): DocumentModel {
  const lines = new LineIndex(text);
  const fm = parseFrontMatter(text, uri, lines);
  const { prose, blocks, codeLines } = parseMarkdown(text, fm.bodyStart, lines);
  const vocabulary = vocabularyFor(config, fm.data.participants, fm.data.issuer);
  const prevScope = options.previous?.statementScope;
  const sameScope = prevScope !== undefined && prevScope.aliases === options.aliases && prevScope.program === fm.data.program;
  const resolver = makeResolver(fm.data.program, options.aliases, sameScope ? options.previous!.resolveMemo : undefined);

  const sections = buildSections(blocks, prose, vocabulary, text.length);
  const clauses: Clause[] = [];
  const statements: ParticipationStatement[] = [];
  const unclear: DocumentModel['unclear'] = [];
  const itemLabels = new Map<number, Clause['label']>();
  const tables = new Map<number, { statusColumn: number; rowLabels: Map<number, Clause['label']> }>();
  let sectionIndex = -1;
  const modalCache = new Map<string, ModalUse[]>();
  const previousCache = options.previous?.vocabulary === vocabulary ? options.previous.modalCache : undefined;
  const wordingCache = new Map<string, ParticipationStatement[]>();
  const previousWording = sameScope ? options.previous!.wordingCache : undefined;

  for (const block of blocks) {
    while (sectionIndex + 1 < sections.length && sections[sectionIndex + 1].start <= block.start) sectionIndex++;
    const section = sectionIndex >= 0 ? sections[sectionIndex] : undefined;
    if (block.kind === 'heading') continue;
    const sectionLabel = effectiveSectionLabel(section);
    if (block.table && handleTableCell(block)) continue;

    let paragraphLabel: Clause['label'];
    const spans = splitSentences(prose, block.start, block.end);
    spans.forEach(([start, end], i) => {
      const textOf = prose.slice(start, end);
      const own = inlineLabel(textOf, vocabulary);
      const inline = own ? { status: own.status, start: start + own.start, end: start + own.end } : undefined;
      let label: Clause['label'] = inline ? { ...inline, source: 'inline' } : paragraphLabel;
      if (i === 0 && inline) {
        paragraphLabel = { ...inline, source: 'paragraph' };
        if (block.listItemStart && block.listPath.length) itemLabels.set(block.listPath[block.listPath.length - 1], { ...inline, source: 'list-item' });
      }
      if (!label) {
        for (let p = block.listPath.length - 1; p >= 0 && !label; p--) label = itemLabels.get(block.listPath[p]);
      }
      if (!label && block.table) label = tables.get(block.table.id)?.rowLabels.get(block.table.row);
      if (!label && sectionLabel.label) label = { ...sectionLabel.label, source: 'section' };
      let modals = modalCache.get(textOf) ?? previousCache?.get(textOf);
      if (!modals) modals = findModals(textOf, vocabulary);
      modalCache.set(textOf, modals);
      const clause: Clause = {
        index: clauses.length,
        start,
        end,
        text: textOf,
        block,
        section,
        inlineLabel: inline,
        label,
        informative: !label && sectionLabel.informative,
        modals,
        primary: primaryModal(modals),
      };
      clauses.push(clause);
      collectStatements(clause);
    });
  }

  const terms = findTerms(prose, compileTerms(config.terms));
  const { suppressions, problems: directiveProblems } = readSuppressions(text, lines, codeLines, options.knownRules);
  return {
    uri, text, lines, prose, frontMatter: fm.data, programKey: resolver.programKey, problems: fm.problems, sections, clauses, statements, unclear, terms,
    suppressions, directiveProblems, vocabulary, config, modalCache, wordingCache,
    statementScope: { program: fm.data.program, aliases: options.aliases },
    resolveMemo: resolver.memo,
  };

  function collectStatements(clause: Clause) {
    const body = clause.inlineLabel ? clause.text.slice(clause.inlineLabel.end - clause.start) : clause.text;
    const bodyOffset = clause.inlineLabel ? clause.inlineLabel.end : clause.start;
    let relative = wordingCache.get(body) ?? previousWording?.get(body);
    if (!relative) relative = wordingStatements(body, 0, resolver);
    wordingCache.set(body, relative);
    const found = relative.map((r) => ({ ...r, start: r.start + bodyOffset, end: r.end + bodyOffset }));
    statements.push(...found);
    const main = clause.primary ?? clause.modals.find((m) => m.subject !== 'issuer' && m.subject !== 'other');
    if (found.length || clause.informative) return; // the wording said it already, or the section only informs
    if (main && !main.conditional) {
      const implied = main.force === 'obligation' ? 'mandatory' : main.force === 'permission' ? 'optional' : undefined;
      if (main.force === 'ambiguous' && !clause.label && main.subject === 'participant') {
        const s = predicateStatement(clause.text, clause.start, main, 'optional', 'wording', resolver);
        if (s) unclear.push({ key: s.key, aspect: s.aspect, start: s.start, end: s.end, evidence: s.evidence });
      }
      const status = clause.label?.status ?? implied;
      if (status && (clause.label || main.subject === 'participant')) {
        const s = predicateStatement(clause.text, clause.start, main, status, clause.label ? 'label' : 'wording', resolver);
        if (s) statements.push(s);
      }
    } else if (!clause.modals.length && clause.label && clause.label.source !== 'section') {
      const s = nounPhraseStatement(body, bodyOffset, clause.label.status, resolver);
      if (s) statements.push(s);
    } else if (!clause.modals.length && clause.label?.source === 'section' && clause.block.listDepth > 0) {
      // A bare list item under "Optional aspects" names an aspect with that status.
      const s = nounPhraseStatement(body, bodyOffset, clause.label.status, resolver);
      if (s) statements.push(s);
    }
  }

  /** Reads a table cell. Returns true when the cell is a status cell (not prose to lint as a clause). */
  function handleTableCell(block: Block): boolean {
    const t = block.table!;
    let table = tables.get(t.id);
    if (!table) tables.set(t.id, (table = { statusColumn: -1, rowLabels: new Map() }));
    const cellText = prose.slice(block.start, block.end);
    if (t.header) {
      if (vocabulary.participationColumns.has(cellText.replace(/[*_`]/g, '').trim().toLowerCase())) table.statusColumn = t.column;
      return true; // header cells are names, not clauses
    }
    if (t.column !== table.statusColumn) return false;
    const word = cellText.replace(/[*_`[\]]/g, '').trim().split(/[\s,;:(]/)[0];
    const status = vocabulary.labelWords.get(word.toLowerCase()) ?? statusWord(word);
    if (!status) return true;
    const label = { status, source: 'table' as const, start: block.start, end: block.end };
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
      const s = nounPhraseStatement(first.text, first.start, status, resolver);
      if (s) statements.push(s);
    }
    return true;
  }
}

function buildSections(blocks: Block[], prose: string, vocab: Vocabulary, docEnd: number): Section[] {
  const sections: Section[] = [];
  const stack: Section[] = [];
  for (const b of blocks) {
    if (b.kind !== 'heading') continue;
    const raw = prose.slice(b.start, b.end);
    const level = b.level ?? 1;
    while (stack.length && stack[stack.length - 1].level >= level) stack.pop()!.contentEnd = b.start;
    const label = headingLabel(raw, vocab);
    const section: Section = {
      title: cleanHeading(raw),
      level,
      start: b.start,
      end: b.end,
      line: b.startLine,
      contentEnd: docEnd,
      label: label ? { status: label.status, start: b.start + label.start, end: b.start + label.end } : undefined,
      informative: !label && isInformativeHeading(raw, vocab),
      parent: stack[stack.length - 1],
    };
    sections.push(section);
    stack.push(section);
  }
  return sections;
}

/** The nearest enclosing section that is labelled or informative decides. */
function effectiveSectionLabel(section: Section | undefined): { label?: Section['label']; informative: boolean } {
  for (let s = section; s; s = s.parent) {
    if (s.label) return { label: s.label, informative: false };
    if (s.informative) return { informative: true };
  }
  return { informative: false };
}
