import fc from 'fast-check';

/**
 * Arbitraries of policy Markdown built from realistic pieces (labelled and unlabelled
 * clauses, nested lists, Participation tables, code, quotes, HTML, suppression comments,
 * front matter good and bad), so that properties reach deep into the engine instead of
 * stopping at "no clause found". Raw and hostile strings are mixed in too.
 */

const SUBJECTS = ['States', 'Local jurisdictions', 'A county', 'Agencies', 'The Department', 'We', 'You', 'This policy', 'Grantees', 'Each participant', 'It', 'Staff'];
const MODALS = ['must', 'shall', 'should', 'may', 'will', 'can', 'must not', 'may not', 'is required to', 'are required to', 'may choose to', 'are expected to', 'are encouraged to', 'need not', 'have to', 'cannot'];
const PREDICATES = [
  'submit fingerprints to the FBI',
  'share booking data',
  'opt out of notifications',
  'opt-out of data sharing',
  'optout at any time',
  'Opt-In to the pilot',
  'report monthly',
  'participate in Secure Communities',
  'sign an agreement',
  'remain non-participating',
  'avoid noncompliance',
  'publish a notice',
  'provide detainer requests',
];
const TAILS = ['', ' within 24 hours', ' if they choose to participate', ' unless they opt out', ', e.g. Texas,', ' under 5 U.S.C. 552', ' (see below)', ' before June 1'];
const LABELS = ['[Mandatory] ', '[Optional] ', '[Required] ', '[Voluntary] ', '**Optional:** ', '**Mandatory**: ', '(Mandatory) ', 'Optional: ', '_Optional_ — ', '[ mandatory ] ', '[Maybe] '];
const STATUS_SENTENCES = [
  'Participation in Secure Communities is mandatory.',
  'Participation in fingerprint sharing is voluntary.',
  'Data sharing is optional for states.',
  'Notifications are required.',
  'Opting out of detainer requests is not permitted.',
];
const HEADING_TITLES = [
  'Intent', 'Mandatory aspects', 'Optional aspects', 'Background', 'Definitions', 'Reporting (Mandatory)', 'Data sharing [Optional]',
  'Opt-out procedure', '2.1 Oversight', 'Lessons learned', 'Mandatory and optional aspects', 'Appendix A: Notes', 'Required aspects',
  'Fingerprint sharing (Optional)', 'Summary', '',
];
const ASPECTS = ['Fingerprint sharing', 'Data sharing', 'Notifications', 'Secure Communities', 'Detainer requests', 'Booking data', ''];
const STATUS_WORDS = ['Mandatory', 'Optional', 'Required', 'Voluntary', 'mandatory', '**Optional**', '[Mandatory]', 'Maybe', '', 'Optional; see note'];
const DIRECTIVES = [
  '<!-- policy-lint-disable-next-line missing-label -- reviewed with counsel -->',
  '<!-- policy-lint-disable-line term-variant -- quoted statute -->',
  '<!-- policy-lint-disable label-conflict, missing-label -- legacy text -->',
  '<!-- policy-lint-enable label-conflict -->',
  '<!-- policy-lint-enable -->',
  '<!-- policy-lint-disable-file term-variant -- glossary -->',
  '<!-- policy-lint-disable-next-line -->',
  '<!-- policy-lint-disable-next-line no-such-rule -- why -->',
  '<!-- policy-lint-disable missing-label -->',
  '<!-- policy-lint-disable-line missing-label --  -->',
  '<!-- policy-lint-disable',
  '<!-- a note: States must not be flagged here -->',
];
const FRONT_MATTER = [
  '---\npolicy: true\nprogram: Secure Communities\nparticipants: [states, counties]\nissuer: ICE\n---\n',
  '---\ntemplate: guidance\n---\n',
  '---\nprogram: Fingerprint sharing\nparticipants:\n  - local jurisdiction\n  - agencies\n---\n',
  '---\nprogram: [unclosed\n---\n',
  '---\nparticipants: 5\nissuer: {a: 1}\ntemplate: no-such-template\n---\n',
  '---\n: : :\n\t- x\n---\n',
  '---\npolicy: true\n',
  '---\n---\n',
  '--- \r\nprogram: Data sharing\r\n...\r\n',
  '\uFEFF---\npolicy: yes\n---\n',
];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** Characters that are hard on parsers: controls, NUL, lone surrogates, BOM, separators, RTL marks. */
export const hostileChar = fc.constantFrom('\0', '\u0001', '\u0007', '\b', '\t', '\v', '\f', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\uFEFF', '\uD800', '\uDFFF', '\u200B', '\u202E', '\r', '\n', '\\', '`', '|', '<', '>', '[', ']', '*', '_', '#', '-');

export const hostileString = fc.array(fc.oneof(hostileChar, fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join(''));

/** Text that may carry emphasis, inline code, links or raw characters around its words. */
function decorated(inner: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(inner, fc.nat(9), hostileString).map(([s, how, junk]) => {
    switch (how) {
      case 0: return `*${s}*`;
      case 1: return `\`${s}\``;
      case 2: return `[${s}](https://example.gov/must "may")`;
      case 3: return `**${s}**`;
      case 4: return `${s} <b>must</b>`;
      case 5: return `${s}${junk}`;
      case 6: return `"${s}"`;
      default: return s;
    }
  });
}

export const sentence: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.option(pick(LABELS), { nil: '' }), pick(SUBJECTS), pick(MODALS), decorated(pick(PREDICATES)), pick(TAILS), pick(['.', '.', ';', '', '?', '!'])).map(([l, s, m, p, t, end]) => `${l}${s} ${m} ${p}${t}${end}`) },
  { weight: 2, arbitrary: fc.tuple(fc.option(pick(LABELS), { nil: '' }), pick(STATUS_SENTENCES)).map(([l, s]) => l + s) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: hostileString },
);

export const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).chain((ss) => fc.constantFrom(' ', '\n', '  \n').map((sep) => ss.join(sep)));

export const heading = fc.tuple(fc.integer({ min: 1, max: 7 }), pick(HEADING_TITLES), fc.boolean(), fc.boolean()).map(([level, title, setext, closing]) =>
  setext && level <= 2 ? `${title || 'Title'}\n${level === 1 ? '===' : '---'}` : `${'#'.repeat(level)} ${title}${closing ? ' ##' : ''}`,
);

interface ListShape {
  marker: string;
  indent: number;
  text: string;
  children: ListShape[];
}

const listItem: fc.Arbitrary<ListShape> = fc.letrec<{ item: ListShape }>((tie) => ({
  item: fc.record({
    marker: fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '- [ ] '),
    indent: fc.constantFrom(2, 3, 4, 1),
    text: fc.oneof(sentence, pick(ASPECTS), fc.constant('')),
    children: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant<ListShape[]>([]), fc.array(tie('item'), { maxLength: 3 })),
  }),
})).item;

function renderList(items: ListShape[], depth: number): string {
  return items
    .map((it) => {
      const pad = ' '.repeat(depth);
      const own = `${pad}${it.marker}${it.text}`;
      return it.children.length ? `${own}\n${renderList(it.children, depth + it.marker.length + (it.indent % 2))}` : own;
    })
    .join('\n');
}

export const list = fc.array(listItem, { minLength: 1, maxLength: 4 }).map((items) => renderList(items, 0));

export const table = fc
  .tuple(
    fc.array(fc.constantFrom('Aspect', 'Participation', 'Status', 'Notes', 'Requirement', '**Participation**', ''), { minLength: 1, maxLength: 4 }),
    fc.array(fc.array(fc.oneof(pick(ASPECTS), pick(STATUS_WORDS), sentence.map((s) => s.replace(/\n/g, ' '))), { minLength: 0, maxLength: 5 }), { maxLength: 5 }),
    fc.boolean(),
  )
  .map(([head, rows, outerPipes]) => {
    const row = (cells: string[]) => (outerPipes ? `| ${cells.join(' | ')} |` : cells.join(' | '));
    return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
  });

export const codeFence = fc.tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', 'md', 'yaml'), paragraph, fc.boolean()).map(([f, lang, body, closed]) => `${f}${lang}\n${body}\n${closed ? f : ''}`);
export const indentedCode = paragraph.map((p) => p.split('\n').map((l) => `    ${l}`).join('\n'));
export const blockquote = fc.tuple(fc.integer({ min: 1, max: 4 }), paragraph).map(([depth, p]) => p.split('\n').map((l) => `${'> '.repeat(depth)}${l}`).join('\n'));
export const htmlBlock = fc.tuple(fc.constantFrom('div', 'details', 'table', 'p', 'script', 'pre'), paragraph, fc.boolean()).map(([tag, p, closed]) => `<${tag}>\n${p}\n${closed ? `</${tag}>` : ''}`);
export const directive = pick(DIRECTIVES);

export const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: heading },
  { weight: 6, arbitrary: paragraph },
  { weight: 3, arbitrary: list },
  { weight: 2, arbitrary: table },
  { weight: 1, arbitrary: codeFence },
  { weight: 1, arbitrary: indentedCode },
  { weight: 1, arbitrary: blockquote },
  { weight: 1, arbitrary: htmlBlock },
  { weight: 2, arbitrary: directive },
  { weight: 1, arbitrary: fc.constantFrom('---', '***', '', '\u00a0', '<!--', '-->', '|', '[x]: https://example.gov "must"') },
);

export type LineEnding = 'lf' | 'crlf' | 'cr' | 'mixed' | 'ls';

export function withLineEndings(text: string, ending: LineEnding, seed = 0): string {
  switch (ending) {
    case 'lf': return text;
    case 'crlf': return text.replace(/\n/g, '\r\n');
    case 'cr': return text.replace(/\n/g, '\r');
    case 'ls': return text.replace(/\n\n/g, '\n\u2028\n');
    case 'mixed': {
      let i = seed;
      return text.replace(/\n/g, () => ['\n', '\r\n', '\r'][i++ % 3]);
    }
  }
}

export interface PolicyDoc {
  frontMatter: string;
  body: string;
  text: string;
}

/** A policy document; `frontMatter` and `body` are kept apart so tests can insert text at the body's start. */
export const policyDoc: fc.Arbitrary<PolicyDoc> = fc
  .tuple(
    fc.option(pick(FRONT_MATTER), { nil: '', freq: 2 }),
    fc.array(block, { maxLength: 14 }),
    fc.constantFrom<LineEnding>('lf', 'lf', 'lf', 'crlf', 'cr', 'mixed', 'ls'),
    fc.constantFrom('\n\n', '\n\n', '\n', '\n\n\n'),
    fc.boolean(),
    fc.nat(),
  )
  .map(([fm, blocks, ending, sep, finalNewline, seed]) => {
    const body = withLineEndings(blocks.join(sep) + (finalNewline ? '\n' : ''), ending, seed);
    const frontMatter = fm ? withLineEndings(fm, ending === 'cr' ? 'cr' : ending === 'crlf' ? 'crlf' : 'lf') : '';
    return { frontMatter, body, text: frontMatter + body };
  });

/** Any text: mostly policy documents, sometimes raw or hostile strings, BOMs in odd places. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: policyDoc.map((d) => d.text) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  { weight: 1, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.tuple(policyDoc, fc.nat()).map(([d, at]) => { const i = at % (d.text.length + 1); return `\uFEFF${d.text.slice(0, i)}\uFEFF${d.text.slice(i)}`; }) },
  { weight: 1, arbitrary: fc.tuple(policyDoc, fc.array(fc.tuple(fc.nat(), hostileChar), { maxLength: 6 })).map(([d, ins]) => ins.reduce((t, [at, c]) => { const i = at % (t.length + 1); return t.slice(0, i) + c + t.slice(i); }, d.text)) },
);

/** A small edit of a text: insert a piece, delete a stretch, or replace one with another. */
export type Edit = { at: number; remove: number; insert: string };

export const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat(40)),
  insert: fc.oneof(fc.constant(''), sentence, block.map((b) => `\n\n${b}\n\n`), hostileChar, fc.constantFrom('opt-out', 'optout', 'opt out', '[Mandatory] ', '\n', '\r\n', '- ', '# ', '| ')),
});

export function applyEdit(text: string, e: Edit): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}
