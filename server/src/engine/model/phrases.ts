/**
 * Finds any of a list of phrases ("states", "local jurisdictions", "the Department") in
 * text, case-insensitively, in time linear in the text whatever the number of phrases: a
 * front matter may list thousands of participants, and one RegExp alternative per phrase
 * would be run for every clause.
 */
export interface PhraseMatch {
  index: number;
  text: string;
}

const WORD = /[A-Za-z0-9_\u00C0-\uFFFF]+/g;

interface Phrase {
  words: string[];
  /** What stands between word k-1 and word k: '' for white space, else the exact characters. */
  seps: string[];
  prefix: string;
  suffix: string;
}

export class PhraseMatcher {
  /** First word → the phrases starting with it, longest first. */
  private readonly byFirst = new Map<string, Phrase[]>();

  constructor(phrases: string[]) {
    for (const raw of phrases) {
      const p = raw.trim().toLowerCase();
      const found = [...p.matchAll(WORD)];
      if (!found.length) continue;
      const words = found.map((m) => m[0]);
      const seps = found.map((m, k) => (k === 0 ? '' : p.slice(found[k - 1].index! + found[k - 1][0].length, m.index!))).map((g) => (/^\s+$/.test(g) ? '' : g));
      const last = found[found.length - 1];
      const phrase = { words, seps, prefix: p.slice(0, found[0].index!), suffix: p.slice(last.index! + last[0].length) };
      const list = this.byFirst.get(words[0]);
      if (list) list.push(phrase);
      else this.byFirst.set(words[0], [phrase]);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length || b.suffix.length - a.suffix.length);
  }

  get empty(): boolean {
    return this.byFirst.size === 0;
  }

  /** All matches, left to right, not overlapping; a match never touches a hyphen or a word character. */
  matchAll(text: string): PhraseMatch[] {
    const out: PhraseMatch[] = [];
    if (this.empty) return out;
    const tokens: Array<{ word: string; start: number; end: number }> = [];
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m; m = WORD.exec(text)) tokens.push({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirst.get(tokens[i].word);
      if (!candidates) continue;
      for (const p of candidates) {
        if (i + p.words.length > tokens.length) continue;
        let ok = true;
        for (let k = 1; k < p.words.length && ok; k++) {
          const gap = text.slice(tokens[i + k - 1].end, tokens[i + k].start);
          ok = tokens[i + k].word === p.words[k] && (p.seps[k] ? gap.toLowerCase() === p.seps[k] : gap.length > 0 && !/\S/.test(gap));
        }
        if (!ok) continue;
        const start = tokens[i].start - p.prefix.length;
        const end = tokens[i + p.words.length - 1].end + p.suffix.length;
        if (start < 0 || text.slice(start, tokens[i].start).toLowerCase() !== p.prefix) continue;
        if (text.slice(end - p.suffix.length, end).toLowerCase() !== p.suffix) continue;
        if (text[start - 1] === '-' || text[end] === '-') continue;
        out.push({ index: start, text: text.slice(start, end) });
        i += p.words.length - 1;
        break;
      }
    }
    return out;
  }
}
