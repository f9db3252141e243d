import type { ParticipationStatus } from '../types';
import type { AspectResolver } from './aspects';
import { aspectWords, statusWord } from './aspects';
import type { ModalUse } from './normative';
import { flatCopy } from '../text';

/** One place that gives a program or aspect a participation status. */
export interface ParticipationStatement {
  key: string;
  /** The words naming the aspect, as written (a copy: a slice would keep the whole analysed text alive with the statement). */
  aspect: string;
  status: ParticipationStatus;
  /** Offsets in the document of the words that give the status. */
  start: number;
  end: number;
  evidence: 'label' | 'wording';
}

const STATUS = '(not\\s+)?(?:entirely\\s+|completely\\s+|strictly\\s+|fully\\s+|always\\s+|still\\s+)?(voluntary|optional|discretionary|mandatory|required|compulsory|obligatory)';
const COPULA = '(?:is|are|remains?|will\\s+(?:remain|be)|shall\\s+(?:remain|be)|has\\s+been|have\\s+been|was|were)';
const PARTICIPATION_IN = new RegExp(`\\bparticipation\\s+in\\s+([^,;:.()\\u2029]{1,120}?)\\s+${COPULA}\\s+${STATUS}\\b`, 'gi');
const X_IS_STATUS = new RegExp(`\\s${COPULA}\\s+${STATUS}\\b(?!\\s+(?:to|that)\\b)`, 'gi');
const OPT_OUT = /\b(may\s+not|cannot|can\s+not|can['’]t|(?:is|are)\s+not\s+(?:permitted|allowed|able)\s+to|will\s+not\s+be\s+able\s+to|may|can|(?:is|are)\s+(?:free|permitted|allowed|able)\s+to)\s+(?:(?:choose|elect|decide)\s+to\s+)?opt[\s-]?out\s+(?:of|from)\s+([^,;:.()\u2029]{1,120})/gi;
const OPT_IN = /\b(?:may|can|(?:is|are)\s+(?:free|permitted|allowed|able)\s+to)\s+(?:(?:choose|elect|decide)\s+to\s+)?opt[\s-]?in(?:to|\s+to)\s+([^,;:.()\u2029]{1,120})/gi;
const JOIN = /\b(may\s+(?:choose|elect|decide)\s+(?:whether\s+)?to|can\s+(?:choose|elect|decide)\s+(?:whether\s+)?to|(?:is|are)\s+not\s+required\s+to|must|shall|(?:is|are)\s+required\s+to)\s+(?:participate\s+in|join|take\s+part\s+in|enroll\s+in|enrol\s+in)\s+([^,;:.()\u2029]{1,120})/gi;
/** Cheap test first: most clauses state no participation status at all. */
const MAY_STATE = /\b(?:voluntar|optional|discretionary|mandatory|required|compulsory|obligatory|opt|particip|join|take\s+part|enrol)/i;
const NEGATED_SUBJECT = /\b(?:no|neither|not\s+any|none\s+of\s+the)\b[^,;]{0,60}$/i;
const TAIL = /\s+(?:if|when|unless|by|before|after|until|within|because|provided|so\s+that|in\s+order|and\s+(?:must|may|shall|will|should)|at\s+any\s+time|at\s+their|at\s+its|without|under)\b[\s\S]*$/i;
const SUBORDINATE = /\b(that|which|whether|because|but|if|when|while|although|though|since|so|whereas)\s+/gi;

/** Statements made by the clause's own wording: "Participation in X is voluntary", "may opt out of X"… */
export function wordingStatements(text: string, offset: number, resolver: AspectResolver): ParticipationStatement[] {
  const out: ParticipationStatement[] = [];
  if (!MAY_STATE.test(text)) return out;
  const add = (phrase: string, status: ParticipationStatus, start: number, end: number) => {
    const cut = phrase.replace(TAIL, '').trim();
    const key = resolver.resolve(cut);
    if (key) out.push({ key, aspect: flatCopy(cut), status, start: offset + start, end: offset + end, evidence: 'wording' });
  };
  const covered: Array<[number, number]> = [];
  for (const m of text.matchAll(PARTICIPATION_IN)) {
    const status = statusWord((m[2] ? 'not ' : '') + m[3]);
    if (status) add(m[1], status, m.index!, m.index! + m[0].length);
    covered.push([m.index!, m.index! + m[0].length]);
  }
  for (const m of text.matchAll(X_IS_STATUS)) {
    if (covered.some(([s, e]) => m.index! >= s && m.index! < e)) continue;
    const status = statusWord((m[1] ? 'not ' : '') + m[2]);
    const subject = subjectBefore(text, m.index!);
    if (status && subject) add(subject.text, status, subject.start, m.index! + m[0].length);
  }
  for (const m of text.matchAll(OPT_OUT)) {
    const negated = /not|n['’]t|cannot/i.test(m[1]) || NEGATED_SUBJECT.test(text.slice(0, m.index!));
    add(m[2], negated ? 'mandatory' : 'optional', m.index!, m.index! + m[0].length);
  }
  for (const m of text.matchAll(OPT_IN)) add(m[1], 'optional', m.index!, m.index! + m[0].length);
  for (const m of text.matchAll(JOIN)) {
    const optional = /may|can|not/i.test(m[1]);
    add(m[2], optional ? 'optional' : 'mandatory', m.index!, m.index! + m[0].length);
  }
  return out;
}

/** The noun phrase before "is mandatory": back to the clause start, a comma or a subordinating word; at most 10 words. */
function subjectBefore(text: string, end: number): { text: string; start: number } | undefined {
  const windowStart = Math.max(0, end - 200);
  const before = text.slice(windowStart, end);
  let from = Math.max(...[',', ';', ':', '(', '\u2014'].map((c) => before.lastIndexOf(c))) + 1;
  SUBORDINATE.lastIndex = from;
  let word = '';
  for (let m = SUBORDINATE.exec(before); m; m = SUBORDINATE.exec(before)) {
    from = m.index + m[0].length;
    word = m[1].toLowerCase();
  }
  // "states which aspects are mandatory" asks; it does not say which.
  if (word === 'which' || word === 'whether' || word === 'if') return undefined;
  const raw = before.slice(from);
  const phrase = raw.trim();
  if (!phrase || phrase.split(/\s+/).length > 10) return undefined;
  return { text: phrase, start: windowStart + from + (raw.length - raw.trimStart().length) };
}

const PREDICATE_LEAD = /^\s*(?:also\s+|still\s+)?(?:(?:choose|elect|decide|opt)\s+to\s+|have\s+the\s+option\s+(?:to|of)\s+|be\s+able\s+to\s+)?/i;

/**
 * The aspect a modal clause is about: the predicate after its modal ("share fingerprint
 * data with ICE"), cut before conditions and time limits. Used for labelled clauses and
 * for clear obligations and permissions, so "[Optional] States may share X" meets
 * "States must share X" elsewhere.
 */
export function predicateStatement(
  text: string,
  offset: number,
  modal: ModalUse,
  status: ParticipationStatus,
  evidence: 'label' | 'wording',
  resolver: AspectResolver,
): ParticipationStatement | undefined {
  const after = text.slice(modal.end).replace(PREDICATE_LEAD, '');
  const phrase = after.split(/[,;:.()\u2029]/)[0].replace(TAIL, '').trim();
  if (aspectWords(phrase).split(' ').length < 2) return undefined;
  const key = resolver.resolve(phrase);
  if (!key) return undefined;
  return { key, aspect: flatCopy(phrase), status, start: offset + modal.start, end: offset + modal.end, evidence };
}

/** A labelled clause with no modal, such as a list item "Sharing fingerprint data with ICE" under "Optional aspects". */
export function nounPhraseStatement(
  text: string,
  offset: number,
  status: ParticipationStatus,
  resolver: AspectResolver,
): ParticipationStatement | undefined {
  const phrase = text.replace(/[.:;]\s*$/, '').trim();
  // A whole sentence ("Fingerprints are shared with ICE") is not a name of an aspect.
  if (/\b(?:is|are|was|were|be|been|has|have|will|does|do)\b/i.test(phrase)) return undefined;
  const words = aspectWords(phrase).split(' ');
  if (!phrase || words.length > 12 || words.length < 1) return undefined;
  const key = resolver.resolve(phrase);
  if (!key) return undefined;
  return { key, aspect: flatCopy(phrase), status, start: offset, end: offset + text.length, evidence: 'label' };
}
