/**
 * Splits a span of prose into sentences. A sentence ends at `.`, `!` or `?` (with any
 * closing quotes, brackets or emphasis) followed by white space and a capital, digit,
 * bracket or quote, unless the word before the stop is a known abbreviation or an
 * initial. A blank line or a block-level HTML break always ends a sentence.
 */
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'u.s', 'u.s.c', 'c.f.r', 'cf', 'mr', 'mrs', 'ms', 'dr', 'no', 'nos', 'sec', 'secs', 'vs', 'v',
  'inc', 'corp', 'co', 'ltd', 'llc', 'jr', 'sr', 'st', 'fig', 'p', 'pp', 'para', 'art', 'ch', 'vol', 'gov', 'dept',
  'mgmt', 'exec', 'approx', 'est', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov',
  'dec', 'pub', 'l', 'stat', 'fed', 'reg', 'admin', 'assn', 'dist', 'div', 'govt', 'ed', 'eds', 'al', 'op', 'ibid',
]);

const STOP = /[.!?]['"\u2019\u201d)\]*_]*(?=\s+['"\u2018\u201c([*_]*[A-Z0-9\[])|[\u2029]|\n[ \t]*\n/g;

export function splitSentences(text: string, start: number, end: number): Array<[number, number]> {
  const span = text.slice(start, end);
  const out: Array<[number, number]> = [];
  let from = 0;
  STOP.lastIndex = 0;
  for (let m = STOP.exec(span); m; m = STOP.exec(span)) {
    const stop = m.index;
    if (span[stop] === '.' && isAbbreviation(span, stop)) continue;
    const sentenceEnd = span[stop] === '\u2029' || span[stop] === '\n' ? stop : stop + m[0].length;
    push(from, sentenceEnd);
    from = stop + m[0].length;
  }
  push(from, span.length);
  return out;

  function push(s: number, e: number) {
    while (s < e && isSpace(span.charCodeAt(s))) s++;
    while (e > s && isSpace(span.charCodeAt(e - 1))) e--;
    if (e > s && hasLetter(span, s, e)) out.push([start + s, start + e]);
  }
}

/** Character tests by code, not a RegExp on a one-character or sliced string: this runs for every sentence. */
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function hasLetter(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isLetter(s.charCodeAt(i))) return true;
  return false;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x2029 || c === 0xa0;
}

function isAbbreviation(span: string, stop: number): boolean {
  let s = stop;
  while (s > 0 && (isLetter(span.charCodeAt(s - 1)) || span.charCodeAt(s - 1) === 46)) s--;
  const word = span.slice(s, stop).toLowerCase();
  if (!word) return false;
  if (word.length === 1) return true; // an initial: "J. Smith", "Section A."
  return ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/^\.+/, ''));
}
