import type { PolicyLintConfig } from '../config/types';
import type { ParticipationStatus } from '../types';
import { escapeRegExp } from '../text';
import { PhraseMatcher } from './phrases';

/**
 * The words of one document's conventions, compiled once per distinct configuration
 * and front matter. User-supplied words only ever enter a RegExp escaped, as literal
 * alternatives, so no configuration can cause catastrophic backtracking.
 */
export interface Vocabulary {
  labelWords: Map<string, ParticipationStatus>;
  /** Matches a label word, capturing it. */
  labelWord: string;
  participant: PhraseMatcher;
  issuer: PhraseMatcher;
  informative: RegExp;
  participationColumns: Set<string>;
}

const cache = new Map<string, Vocabulary>();
/** The configuration's part of the key, once per configuration object (resolved configurations are not changed afterwards). */
const configKeys = new WeakMap<PolicyLintConfig, string>();

export function vocabularyFor(config: PolicyLintConfig, participants?: string[], issuers?: string[]): Vocabulary {
  // Asked once per document: stringifying the whole configuration each time was 1 % of a CLI run.
  let configKey = configKeys.get(config);
  if (configKey === undefined) {
    configKey = JSON.stringify([config.labels, config.participants, config.issuers, config.informativeSections, config.participationColumns]);
    configKeys.set(config, configKey);
  }
  const key = participants === undefined && issuers === undefined ? configKey : `${configKey}\0${JSON.stringify([participants, issuers])}`;
  let v = cache.get(key);
  if (!v) {
    if (cache.size > 64) cache.clear();
    v = compile(config, participants, issuers);
    cache.set(key, v);
  }
  return v;
}

function compile(config: PolicyLintConfig, participants?: string[], issuers?: string[]): Vocabulary {
  const labelWords = new Map<string, ParticipationStatus>();
  for (const w of config.labels.mandatory) labelWords.set(w.toLowerCase(), 'mandatory');
  for (const w of config.labels.optional) labelWords.set(w.toLowerCase(), 'optional');
  const people = participants?.length ? withNumberVariants(participants) : config.participants;
  const issuerNames = [...config.issuers, ...(issuers ?? []).flatMap((i) => [i, `the ${i}`])];
  return {
    labelWords,
    labelWord: alternation([...labelWords.keys()]),
    participant: new PhraseMatcher(people),
    issuer: new PhraseMatcher(issuerNames),
    informative: new RegExp(`^(?:${alternation(config.informativeSections)})\\b`, 'i'),
    participationColumns: new Set(config.participationColumns.map((c) => c.toLowerCase())),
  };
}

export function alternation(words: string[]): string {
  const unique = [...new Set(words.map((w) => w.trim()).filter(Boolean))];
  unique.sort((a, b) => b.length - a.length);
  return unique.map((w) => escapeRegExp(w).replace(/\s+/g, '\\s+')).join('|') || '(?!)';
}

/** "county" → also "counties"; "states" → also "state": front matter lists rarely give both. */
function withNumberVariants(nouns: string[]): string[] {
  const out = new Set<string>();
  for (const n of nouns) {
    const w = n.trim();
    if (!w) continue;
    out.add(w);
    if (/ies$/i.test(w)) out.add(w.slice(0, -3) + 'y');
    else if (/s$/i.test(w)) out.add(w.slice(0, -1));
    else if (/[^aeiou]y$/i.test(w)) out.add(w.slice(0, -1) + 'ies');
    else out.add(w + 's');
  }
  return [...out];
}
