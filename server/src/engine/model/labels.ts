import type { ParticipationStatus } from '../types';
import type { Vocabulary } from './vocabulary';

export interface LabelMatch {
  status: ParticipationStatus;
  word: string;
  /** Offsets relative to the text searched. */
  start: number;
  end: number;
}

const regexCache = new Map<string, { inline: RegExp; headingSuffix: RegExp; headingPrefix: RegExp; anyWord: RegExp }>();

function patterns(vocab: Vocabulary) {
  let p = regexCache.get(vocab.labelWord);
  if (!p) {
    const w = `(${vocab.labelWord})`;
    p = {
      // [Mandatory] · **Mandatory:** · **Mandatory**: · _Optional_ — · Mandatory: · (Optional)
      inline: new RegExp(
        `^(?:(?:\\*\\*|__|\\*|_)?\\[\\s*${w}\\s*\\](?:\\*\\*|__|\\*|_)?\\s*:?` +
          `|(\\*\\*|__|\\*|_)\\s*${w}\\s*:?\\s*\\2\\s*[:\\u2014\\u2013-]?` +
          `|\\(\\s*${w}\\s*\\)\\s*:?` +
          `|${w}\\s*:(?!\\S))`,
        'i',
      ),
      headingSuffix: new RegExp(`[(\\[]\\s*${w}\\s*[)\\]]\\s*$`, 'i'),
      headingPrefix: new RegExp(`^(?:\\[\\s*${w}\\s*\\]\\s*|${w}\\b)`, 'i'),
      anyWord: new RegExp(`\\b(?:${vocab.labelWord})\\b`, 'gi'),
    };
    regexCache.set(vocab.labelWord, p);
  }
  return p;
}

/** A label at the very start of a clause, e.g. `[Mandatory]` or `**Optional:**`. */
export function inlineLabel(text: string, vocab: Vocabulary): LabelMatch | undefined {
  const m = patterns(vocab).inline.exec(text);
  if (!m) return undefined;
  const word = m[1] ?? m[3] ?? m[4] ?? m[5];
  const status = vocab.labelWords.get(word.toLowerCase());
  if (!status) return undefined;
  return { status, word, start: 0, end: m[0].length };
}

/** Heading text without numbering ("2.1", "A.", "IV.") and emphasis, for matching names. */
export function cleanHeading(text: string): string {
  return text
    .replace(/[*_`]/g, '')
    .replace(/^\s*(?:appendix|annex|attachment|exhibit)\s+[A-Z0-9]+\s*[:.\-\u2013\u2014]?\s*/i, '')
    .replace(/^\s*(?:(?:section|part|article)\s+)?(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[IVXLC]+\.)\s+/i, '')
    .replace(/\s+#+\s*$/, '')
    .trim();
}

/**
 * A heading that labels its section: one ending in `(Mandatory)` / `[Optional]`, or
 * named like "Mandatory aspects" / "Optional arrangements". A heading naming both
 * kinds ("Mandatory and optional aspects") labels nothing.
 */
export function headingLabel(text: string, vocab: Vocabulary): LabelMatch | undefined {
  const clean = cleanHeading(text);
  const p = patterns(vocab);
  const m = p.headingSuffix.exec(clean) ?? p.headingPrefix.exec(clean);
  if (!m) return undefined;
  const word = m[1] ?? m[2];
  const status = vocab.labelWords.get(word.toLowerCase());
  if (!status) return undefined;
  for (const o of clean.matchAll(p.anyWord)) {
    if (vocab.labelWords.get(o[0].toLowerCase()) !== status) return undefined;
  }
  const at = text.indexOf(word);
  return { status, word, start: Math.max(0, at), end: Math.max(0, at) + word.length };
}

export function isInformativeHeading(text: string, vocab: Vocabulary): boolean {
  return vocab.informative.test(cleanHeading(text));
}
