import type { TermDefinition } from '../config/types';
import { escapeRegExp, flatCopy } from '../text';

/** One written occurrence of a participation term. */
export interface TermUsage {
  /** Identifies the term's family: its preferred form, or its first variant. */
  family: string;
  /** The form as written, lower-cased with white space folded: "opt-out", "opt out", "optout". */
  form: string;
  start: number;
  end: number;
}

export interface CompiledTerms {
  families: Array<{ id: string; preferred?: string; variants: string[]; meaning?: string }>;
  regex: RegExp;
  /** Group index → family index. */
  groupFamily: number[];
}

const cache = new Map<string, CompiledTerms>();
const byList = new WeakMap<TermDefinition[], CompiledTerms>();

/**
 * Every multi-word variant also matches its spaced, hyphenated and closed-up spellings
 * ("opt out", "opt-out", "optout") without listing them. Variants are literals, escaped.
 */
export function compileTerms(terms: TermDefinition[]): CompiledTerms {
  // Asked once per document with its configuration's list: known by the list itself first,
  // so the list is not stringified every time (resolved configurations are not changed afterwards).
  const known = byList.get(terms);
  if (known) return known;
  const key = JSON.stringify(terms);
  let c = cache.get(key);
  if (c) {
    byList.set(terms, c);
    return c;
  }
  const families = terms
    .map((t) => {
      const variants = [...new Set([...(t.preferred ? [t.preferred] : []), ...t.variants].map((v) => v.trim()).filter(Boolean))];
      return { id: (t.preferred ?? variants[0] ?? '').toLowerCase(), preferred: t.preferred, variants, meaning: t.meaning };
    })
    .filter((f) => f.variants.length);
  const groups: string[] = [];
  const groupFamily: number[] = [];
  families.forEach((f, i) => {
    const alts = new Set<string>();
    for (const v of f.variants) {
      const words = v.split(/[\s-]+/).filter(Boolean).map(escapeRegExp);
      alts.add(words.length > 1 ? words.join('[ \\t\\u00a0-]?') : escapeRegExp(v));
    }
    groups.push(`(${[...alts].sort((a, b) => b.length - a.length).join('|')})`);
    groupFamily.push(i);
  });
  const regex = groups.length ? new RegExp(`(?<![\\w-])(?:${groups.join('|')})(?![\\w-])`, 'gi') : /(?!)/g;
  c = { families, regex, groupFamily };
  if (cache.size > 32) cache.clear();
  cache.set(key, c);
  byList.set(terms, c);
  return c;
}

const COMPOUND_BEFORE_NOUN = /^[ \t]+(?!(?:of|from|to|in|into|at|the|a|an|and|or|but|by|for|with|on|if|when|unless|before|after|until|within|now|again|later|today|any|all|their|its|this|that)\b)[A-Za-z]{3,}/i;

/** "may opt-out through", "to opt-out now": a modal, "to" or a pronoun before it makes it the verb. */
const VERB_BEFORE = /\b(?:may|can|must|shall|should|will|would|could|might|to|not|cannot|they|we|you|i|who|that)\s+$/i;

export function findTerms(prose: string, compiled: CompiledTerms): TermUsage[] {
  const out: TermUsage[] = [];
  if (!compiled.families.length) return out;
  compiled.regex.lastIndex = 0;
  for (let m = compiled.regex.exec(prose); m; m = compiled.regex.exec(prose)) {
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    const family = compiled.families[compiled.groupFamily[g - 1]];
    // "opt-out procedure": a hyphenated compound before a noun is a modifier, written so by
    // rule, not a variant of the verb "opt out". Followed by "of", "at", a stop…, it is the term.
    if (
      m[0].includes('-') &&
      COMPOUND_BEFORE_NOUN.test(prose.slice(m.index + m[0].length, m.index + m[0].length + 40)) &&
      !VERB_BEFORE.test(prose.slice(Math.max(0, m.index - 40), m.index))
    ) {
      continue;
    }
    out.push({ family: family.id, form: flatCopy(m[0].toLowerCase().replace(/[\s\u00a0]+/g, ' ')), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Keeps the author's capitalisation: "Opt-out" → "Opt out" when the preferred form is "opt out". */
export function matchCase(written: string, preferred: string): string {
  if (written === written.toUpperCase() && /[A-Z]/.test(written)) return preferred.toUpperCase();
  if (/^[A-Z]/.test(written)) return preferred[0].toUpperCase() + preferred.slice(1);
  return preferred;
}
