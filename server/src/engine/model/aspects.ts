import { flatCopy } from '../text';
import type { ParticipationStatus } from '../types';

/**
 * Aspect keys: two phrasings of the same program or aspect must meet at one key.
 * The key drops articles, quantifiers and filler words, folds plurals and possessives,
 * and is scoped by program so that two programs' "data sharing" never collide.
 */
const FILLER = new Set([
  'a', 'an', 'the', 'all', 'any', 'each', 'every', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her',
  'our', 'your', 'of', 'in', 'with', 'to', 'for', 'and', 'or', 'on', 'also', 'further', 'such', 'other', 'both',
  'own', 'applicable', 'relevant', 'respective', 'certain', 'some', 'into', 'from', 'by', 'at', 'as',
]);

export function normalizeWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/'s\b/g, '')
    .split(/[^a-z0-9'-]+/)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter((w) => w && !FILLER.has(w));
  return words.map((w) => stem(singular(w)));
}

/** Folds "sharing", "shared" and "share" together; crude, but keys only need to meet. */
function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function singular(w: string): string {
  if (w.length <= 3 || /ss$|us$|is$/.test(w)) return w;
  if (/ies$/.test(w)) return w.slice(0, -3) + 'y';
  if (/(?:ches|shes|xes|zes|sses)$/.test(w)) return w.slice(0, -2);
  if (/s$/.test(w)) return w.slice(0, -1);
  return w;
}

export function aspectWords(text: string): string {
  // Pure, and asked for the same phrases in document after document.
  let words = wordsOf.get(text);
  if (words === undefined) {
    words = normalizeWords(text).join(' ');
    if (wordsOf.size >= 10_000) wordsOf.clear();
    wordsOf.set(flatCopy(text), words);
  }
  return words;
}

const wordsOf = new Map<string, string>();

export interface AspectResolver {
  /** Canonical key for a phrase naming a program or aspect, or undefined if it names nothing useful. */
  resolve(phrase: string): string | undefined;
  /** The key of the document's own program, for "Participation is voluntary". */
  programKey: string | undefined;
}

/** Pronouns and generic nouns that name no particular aspect on their own. */
const GENERIC = new Set(['it', 'they', 'this', 'that', 'which', 'there', 'what', 'participation', 'program', 'programme', 'policy', 'one', 'none', 'nothing', 'something', 'everything', 'use', 'compliance', 'activity', 'requirement', 'step', 'process', 'aspect', 'part', 'element', 'component', 'provision', 'section', 'item', 'term', 'condition', 'guidance', 'document']);

/**
 * `memo` carries resolved phrases from one version of a document to the next (same program
 * and registry): most phrases do not change between keystrokes.
 */
export function makeResolver(
  program: string | undefined,
  aliases: Map<string, string>,
  previous?: Map<string, string | undefined>,
  /** What other documents of the same program and registry resolved (see `SharedAnalyses.phraseKeys`): null for "names nothing". */
  shared?: Map<string, string | null>,
): AspectResolver & { memo: Map<string, string | undefined> } {
  const programKey = program ? aliases.get(aspectWords(program)) ?? `program:${aspectWords(program)}` : undefined;
  const scope = programKey ?? '';
  // The previous version's memo is reused and added to. An empty one is not: models that
  // keep no caches share one empty map, which must stay empty. A long editing session must
  // not grow it for ever either.
  const memo = previous && previous.size > 0 && previous.size <= 10_000 ? previous : new Map<string, string | undefined>();
  const programWords = program ? aspectWords(program) : undefined;
  const resolve = (phrase: string): string | undefined => {
    // One lookup per map for most phrases (has() and get() each hash and compare the text).
    let key = memo.get(phrase);
    if (key !== undefined || memo.has(phrase)) return key;
    const known = shared?.get(phrase);
    const copy = flatCopy(phrase);
    if (known !== undefined) key = known ?? undefined;
    else {
      key = resolveUncached(phrase);
      if (shared) {
        if (shared.size >= 10_000) shared.clear();
        shared.set(copy, key ?? null);
      }
    }
    memo.set(copy, key);
    return key;
  };
  return { programKey, resolve, memo };

  function resolveUncached(phrase: string): string | undefined {
    {
      const words = aspectWords(phrase);
      if (!words) return undefined;
      const alias = aliases.get(words) ?? longestAliasPrefix(words, aliases);
      if (alias) return alias;
      if (/^(?:participation|program|programme|(?:program )?participation)$/.test(words)) return programKey;
      if (programWords !== undefined && words === programWords) return programKey;
      const content = words.split(' ');
      if (content.length === 1 && GENERIC.has(content[0])) return undefined;
      if (content.every((w) => GENERIC.has(w) || /^\d+$/.test(w))) return undefined;
      // A name in title case ("Secure Communities") names a program, whatever document it is in.
      if (isProperName(phrase)) return `program:${words}`;
      return `${scope}::${words}`;
    }
  }
}

export function statusWord(word: string): ParticipationStatus | undefined {
  const w = word.toLowerCase();
  if (/^(?:voluntary|optional|discretionary|elective|not (?:mandatory|required|compulsory|obligatory))$/.test(w)) return 'optional';
  if (/^(?:mandatory|required|compulsory|obligatory|not (?:voluntary|optional))$/.test(w)) return 'mandatory';
  return undefined;
}

/** "Secure Communities", "the Priority Enforcement Program": every content word capitalised, two words at least. */
function isProperName(phrase: string): boolean {
  const words = phrase.replace(/^(?:the|a|an)\s+/i, '').split(/\s+/).filter((w) => !/^(?:of|and|for|the|in|on|to|a|an|&)$/i.test(w));
  return words.length >= 2 && words.every((w) => /^[A-Z0-9]/.test(w));
}

/** "share fingerprint ice book" starts with the alias "share fingerprint ice": the same aspect, qualified. */
function longestAliasPrefix(words: string, aliases: Map<string, string>): string | undefined {
  let best: string | undefined;
  let bestLength = 0;
  for (const [alias, key] of aliases) {
    if (alias.length > bestLength && alias.includes(' ') && words.startsWith(alias + ' ')) {
      best = key;
      bestLength = alias.length;
    }
  }
  return best;
}
