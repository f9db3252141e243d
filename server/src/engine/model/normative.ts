import type { PhraseMatcher, PhraseMatch } from './phrases';
import type { Vocabulary } from './vocabulary';

/**
 * What a clause's modal language does to its subject:
 * - obligation: must, shall, is required to…
 * - prohibition: must not, may not, cannot…
 * - permission: may, can, is permitted to, is not required to, may elect to…
 * - ambiguous: should, will, is expected to, is encouraged to — a reader cannot tell
 *   whether the thing is required, which is exactly the failure this tool exists for.
 */
export type Force = 'obligation' | 'prohibition' | 'permission' | 'ambiguous';
export type SubjectKind = 'participant' | 'issuer' | 'agentless' | 'other';

export interface ModalUse {
  force: Force;
  /** Offsets relative to the clause text. */
  start: number;
  end: number;
  phrase: string;
  subject: SubjectKind;
  subjectText: string;
  /** The modal sits after "if", "when", "that choose to"…: a condition, not the main requirement. */
  conditional: boolean;
}

const BE = '(?:is|are|am|be|will be|shall be|remains?)';
const MODAL = new RegExp(
  '\\b(?:' +
  [
    "must\\s+not|mustn['’]t|shall\\s+not|shan['’]t|may\\s+not|cannot|can\\s+not|can['’]t",
    "should\\s+not|shouldn['’]t|will\\s+not|won['’]t",
    `${BE}\\s+(?:strictly\\s+)?(?:prohibited|forbidden|barred)\\s+from`,
    `${BE}\\s+not\\s+(?:permitted|allowed|authorized)\\s+to`,
    `${BE}\\s+not\\s+(?:required|obligated|mandated)\\s+to`,
    `${BE}\\s+(?:required|obligated|mandated|compelled)\\s+to`,
    `${BE}\\s+(?:strongly\\s+)?(?:expected|encouraged|asked|urged|invited|advised|requested)\\s+to`,
    `${BE}\\s+(?:permitted|allowed|authorized|eligible|free|welcome)\\s+to`,
    'has\\s+to|have\\s+to|needs?\\s+to|ought\\s+to',
    'must|shall|should|will|may|can',
  ].join('|') +
  ')\\b',
  'gi',
);

function forceOf(phrase: string): Force {
  const p = phrase.toLowerCase().replace(/\s+/g, ' ');
  if (/\bnot (?:required|obligated|mandated)\b/.test(p)) return 'permission';
  if (/^(?:must not|mustn|shall not|shan|may not|cannot|can not|can['’]t)|prohibited|forbidden|barred|not (?:permitted|allowed|authorized)/.test(p)) return 'prohibition';
  if (/^(?:should|will|won)|expected|encouraged|asked|urged|invited|advised|requested|ought/.test(p)) return 'ambiguous';
  if (/^(?:must|shall)|required|obligated|mandated|compelled|has to|have to|needs? to/.test(p)) return 'obligation';
  return 'permission';
}

const NEGATED_SUBJECT = /\b(?:no|neither|not\s+any|none\s+of\s+the)\s+(?:\w+\s+){0,3}\w+\s*$/i;
/** A preposition or verb before the noun (past determiners and capitalised names) makes the noun an object. */
const OBJECT_BEFORE = /\b(?:with|to|for|of|by|from|about|against|on|at|between|among|than|toward|towards|via|like|including|notify|inform|contact|help|allow|require|requires|permit|permits|ask|asks|encourage|encourages)\s+(?:(?:the|a|an|each|every|all|any|another|other|its|their|our|your|such|participating|local|[A-Z][\w.-]*)\s+)*$/;
const PASSIVE_AFTER = /^\s+(?:not\s+)?(?:be|been)\s+[a-z]+(?:ed|en|wn|ne|t)\b/i;
const CONDITION = /\b(?:if|when|whenever|once|unless|where|whether|upon|after|before|until|that\s+(?:choose|chooses|elect|elects|decide|decides|opt|opts|wish|wishes|want|wants|agree|agrees)|who\s+(?:choose|chooses|elect|elects|decide|decides|opt|opts|wish|wishes)|participating)\b/i;
/** Words that, right before "can"/"may"/"will", make it a noun or a different sense ("a tin can", "the will of"). */
const NOT_MODAL_BEFORE = /\b(?:the|a|an|this|that|of|its|their|his|her)\s*$/i;

export function findModals(text: string, vocab: Vocabulary): ModalUse[] {
  const out: ModalUse[] = [];
  MODAL.lastIndex = 0;
  for (let m = MODAL.exec(text); m; m = MODAL.exec(text)) {
    const start = m.index;
    const before = text.slice(Math.max(0, start - 400), start);
    if (/^(?:will|can|may|must)$/i.test(m[0]) && NOT_MODAL_BEFORE.test(before)) continue;
    // "May 5" and "in May" are dates.
    if (m[0] === 'May' && (/^\s+\d/.test(text.slice(start + 3)) || /\bin\s*$/.test(before) || start === 0)) continue;
    const subject = subjectOf(before, text.slice(start + m[0].length), vocab);
    let force = forceOf(m[0]);
    // "No jurisdiction may opt out" permits nothing: a negated subject turns a permission into a prohibition.
    if (force === 'permission' && subject.kind === 'participant' && NEGATED_SUBJECT.test(before.slice(-80))) force = 'prohibition';
    out.push({
      force,
      start,
      end: start + m[0].length,
      phrase: m[0],
      subject: subject.kind,
      subjectText: subject.text,
      conditional: CONDITION.test(before),
    });
  }
  return out;
}

/**
 * Finds who a modal binds. The nearest stretch before it (after the last comma or
 * semicolon) is searched first, then the whole clause before it, so that
 * "Within 90 days, each agency must" and "when agencies release code, they shall"
 * both resolve to participants. An issuer named at or before the first participant
 * noun wins ("The Department will notify states" is the issuer's commitment).
 * A noun with a possessive ("each agency's inventory") is a modifier, not the subject.
 */
function subjectOf(before: string, after: string, vocab: Vocabulary): { kind: SubjectKind; text: string } {
  const lastBreak = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('\u2014'));
  const near = lastBreak >= 0 ? before.slice(lastBreak + 1) : before;
  for (const stretch of lastBreak >= 0 ? [near, before] : [before]) {
    const found = firstNoun(stretch, vocab);
    if (found) return found;
  }
  // "Fingerprints must be submitted": a requirement with no named subject. Not "This action cannot
  // be undone" (a demonstrative or pronoun subject describes, it does not require).
  if ((PASSIVE_AFTER.test(after) && !/^\s*(?:this|that|these|those|it|which|what|who|they)\b/i.test(near)) || /^\s*it\s+$/i.test(near)) {
    return { kind: 'agentless', text: near.trim() };
  }
  return { kind: 'other', text: near.trim() };
}

function firstNoun(stretch: string, vocab: Vocabulary): { kind: SubjectKind; text: string } | undefined {
  // A noun right before the modal is its subject, whatever came first: "We take security seriously and you must as well".
  const at = lastWordsStart(stretch, 2);
  if (at > 0) {
    const lastIssuer = lastMatch(vocab.issuer, stretch, at);
    const lastParticipant = lastMatch(vocab.participant, stretch, at);
    // "The Department will": the issuer's name contains the participant noun "department".
    const issuerCovers = lastIssuer && lastParticipant && lastIssuer.index + lastIssuer.text.length >= lastParticipant.index + lastParticipant.text.length;
    if (lastParticipant && !issuerCovers && (!lastIssuer || lastParticipant.index > lastIssuer.index)) return { kind: 'participant', text: lastParticipant.text };
    if (lastIssuer) return { kind: 'issuer', text: lastIssuer.text };
  }
  const issuer = firstMatch(vocab.issuer, stretch);
  const participant = firstMatch(vocab.participant, stretch);
  if (issuer && (!participant || issuer.index <= participant.index)) return { kind: 'issuer', text: issuer.text };
  if (participant) return { kind: 'participant', text: participant.text };
  return undefined;
}

/** Offset where the last `n` words of `s` begin ("… and you " → at "and"); a scan from the end, no RegExp. */
function lastWordsStart(s: string, n: number): number {
  let i = s.length;
  for (let w = 0; w < n; w++) {
    while (i > 0 && /\s/.test(s[i - 1])) i--;
    while (i > 0 && !/\s/.test(s[i - 1])) i--;
  }
  return i;
}

/** The last match that ends at or after `from`, not a possessive or an object. */
function lastMatch(matcher: PhraseMatcher, s: string, from: number): PhraseMatch | undefined {
  let last: PhraseMatch | undefined;
  for (const m of matcher.matchAll(s)) {
    if (m.index + m.text.length < from) continue;
    if (isSubject(s, m)) last = m;
  }
  return last;
}

function firstMatch(matcher: PhraseMatcher, s: string): PhraseMatch | undefined {
  for (const m of matcher.matchAll(s)) if (isSubject(s, m)) return m;
  return undefined;
}

/** Not a possessive modifier ("each agency's inventory") nor an object ("with another user"). */
function isSubject(s: string, m: PhraseMatch): boolean {
  const rest = s.slice(m.index + m.text.length, m.index + m.text.length + 4);
  if (/^['’]s?\s+\w/.test(rest)) return false;
  return !OBJECT_BEFORE.test(s.slice(Math.max(0, m.index - 120), m.index));
}

/** The modal that makes a clause normative: its first use whose subject is bound by it. */
export function primaryModal(modals: ModalUse[], flagAgentlessAmbiguous = false): ModalUse | undefined {
  return modals.find(
    (m) =>
      m.subject === 'participant' ||
      (m.subject === 'agentless' &&
        (m.force === 'obligation' || (m.force === 'prohibition' && !/^(?:cannot|can)/i.test(m.phrase)) || flagAgentlessAmbiguous)),
  );
}
