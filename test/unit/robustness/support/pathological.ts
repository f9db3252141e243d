import { defaultConfig, type ResolvedConfig } from '../../../../server/src/engine';

/**
 * Inputs built to hit the worst case of one part of the engine, each scalable by `n`
 * (for the scaling check: n, 4n, 16n must cost about 4x and 16x, not 16x and 256x).
 */
export interface Pathological {
  name: string;
  /** The size the default run analyses once. */
  size: number;
  /** Base size for the scaling check (a few milliseconds of work). */
  scaleBase: number;
  make(n: number): string;
  config?: () => ResolvedConfig;
  /** Set when the engine fails this input today: it is then checked in regressions.test.ts. */
  found?: string;
}

const clause = (i: number) => `States must submit report ${i} within 24 hours.`;

export const PATHOLOGICAL: Pathological[] = [
  { name: 'a 5 MB single line', size: 5_000_000, scaleBase: 100_000, make: (n) => 'States must act and counties may opt-out, '.repeat(Math.ceil(n / 42)).slice(0, n) },
  { name: 'a 5 MB single line without spaces', size: 5_000_000, scaleBase: 100_000, make: (n) => 'x'.repeat(n) },
  { name: 'lists nested 10,000 deep (markers)', size: 10_000, scaleBase: 1_000, make: (n) => `${'- '.repeat(n)}States must act.\n` },
  { name: 'lists nested 1,000 deep by indentation (1 MB)', size: 1_000, scaleBase: 250, make: (n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i * 2)}- ${clause(i)}`).join('\n') },
  { name: 'blockquotes nested 10,000 deep', size: 10_000, scaleBase: 1_000, make: (n) => `${'>'.repeat(n)} States must act.\n` },
  { name: 'blockquotes nested 1,000 deep, one level more per line (1 MB)', size: 1_000, scaleBase: 250, make: (n) => Array.from({ length: n }, (_, i) => `${'> '.repeat(i)}${clause(i)}`).join('\n') },
  {
    name: 'a table of 2,000 rows x 20 columns with a Participation column',
    size: 2_000,
    scaleBase: 250,
    make: (n) => {
      const head = ['Aspect', 'Participation', ...Array.from({ length: 18 }, (_, i) => `Note ${i}`)];
      const row = (r: number) => [`Aspect ${r}`, r % 2 ? 'Mandatory' : 'Optional', ...Array.from({ length: 18 }, (_, c) => (c % 3 ? `cell ${r}.${c}` : clause(r)))];
      return [head, head.map(() => '---'), ...Array.from({ length: n }, (_, r) => row(r))].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
    },
  },
  {
    name: 'mixed line endings (\\n, \\r\\n, \\r, \\u2028) over 20,000 lines',
    size: 20_000,
    scaleBase: 2_000,
    make: (n) => Array.from({ length: n }, (_, i) => (i % 7 === 0 ? `## Section ${i}` : clause(i)) + ['\n', '\r\n', '\r', '\u2028\n', '\n\n'][i % 5]).join(''),
  },
  {
    name: 'byte order marks at the start and in the middle of 10,000 lines',
    size: 10_000,
    scaleBase: 1_000,
    make: (n) => `\uFEFF---\npolicy: true\n---\n${Array.from({ length: n }, (_, i) => (i % 10 === 0 ? '\uFEFF' : '') + clause(i)).join('\n\n')}\n`,
  },
  { name: '20,000 unlabelled clauses in one paragraph', size: 20_000, scaleBase: 2_000, make: (n) => Array.from({ length: n }, (_, i) => clause(i)).join(' ') },
  { name: '20,000 identical clauses (same fingerprint text)', size: 20_000, scaleBase: 2_000, make: (n) => Array.from({ length: n }, () => 'States must act.').join('\n\n') },
  {
    name: '10,000 term variants, the preferred form last',
    size: 10_000,
    scaleBase: 1_000,
    make: (n) => `${Array.from({ length: n }, (_, i) => `Counties may opt-out ${i}.`).join('\n\n')}\n\n${Array.from({ length: n + 1 }, () => 'States may opt out.').join('\n\n')}\n`,
  },
  {
    name: '10,000 term variants, the configured preferred form never written',
    size: 10_000,
    scaleBase: 1_000,
    make: (n) => Array.from({ length: n }, (_, i) => `Counties may opt-out ${i}.`).join('\n\n'),
    config: () => {
      const config = defaultConfig();
      config.terms = [{ preferred: 'opt out', variants: ['opt-out', 'optout'] }];
      return { config, registryLocations: new Map() };
    },
  },
  {
    name: '10,000 suppression comments, each on a flagged line',
    size: 10_000,
    scaleBase: 1_000,
    make: (n) => Array.from({ length: n }, (_, i) => `${clause(i)} <!-- policy-lint-disable-line term-variant -- ok -->`).join('\n\n'),
  },
  {
    name: '5,000 disable-next-line comments on one line before 5,000 blank lines',
    size: 5_000,
    scaleBase: 500,
    make: (n) => `${'<!-- policy-lint-disable-next-line missing-label -- r -->'.repeat(n)}\n${'\n'.repeat(n)}States must act.\n`,
  },
  {
    name: '5,000 code fences and 5,000 suppression comments',
    size: 5_000,
    scaleBase: 500,
    make: (n) => Array.from({ length: n }, (_, i) => `\`\`\`\ncode ${i}\n\`\`\`\n\n<!-- policy-lint-disable-next-line missing-label -- r -->\n${clause(i)}`).join('\n\n'),
  },
  { name: '10,000 headings with labels', size: 10_000, scaleBase: 1_000, make: (n) => Array.from({ length: n }, (_, i) => `${'#'.repeat((i % 6) + 1)} Aspect ${i} (${i % 2 ? 'Mandatory' : 'Optional'})\n\n${clause(i)}`).join('\n\n') },
  { name: 'an unclosed HTML comment before 20,000 lines', size: 20_000, scaleBase: 2_000, make: (n) => `<!-- policy-lint-disable\n${Array.from({ length: n }, (_, i) => clause(i)).join('\n')}` },
  { name: '10,000 unclosed emphasis and link openers', size: 10_000, scaleBase: 1_000, make: (n) => `States must ${'*_[`<'.repeat(n)} act.\n` },
  { name: 'front matter of 20,000 lines', size: 20_000, scaleBase: 2_000, make: (n) => `---\nparticipants:\n${Array.from({ length: n }, (_, i) => `  - county ${i}`).join('\n')}\n---\nCounty 1 must act.\n` },
];
