import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFrontMatter, parseFrontMatterWhole } from '../../server/src/engine/parse/frontMatter';
import { LineIndex } from '../../server/src/engine/text';
import { checkProperty } from './robustness/support/runProperty';

/** Lines that exercise the entry-by-entry reading: plain entries, and every shape it must leave to the whole parse. */
const LINES = [
  'program: Alpha', 'program: "Quoted"', "program: 'single'", 'program:', 'program: [a, b]', 'program: 12', 'program: null', 'program: ~',
  'program: " spaced "', 'program: Alpha # comment', 'program: a', '  continued', 'template: t', 'issuer: Office', 'issuer: [A, B]',
  'participants:', '  - counties', '- states', '  - 3', '  - ""', 'participants: counties', 'participants: ""', 'participants: [a,', 'b]',
  'policy: true', 'policy: yes', 'policy: "true"', 'policy: false', 'title: A & B', 'title: &anchor x', 'other: *anchor', '<<: *anchor',
  'versions:', "  fpt: '*'", '  ghes: "*"', '# comment', '', '   ', 'desc: |', '  line', 'desc: >-', 'text', 'key: "open', 'close"',
  "a: 'it''s'", '\tb: tab', '? complex', ': value', '[flow]: x', '"q": v', 'x: y: z', 'http://example.org', 'a:b', '- item', '%YAML 1.2',
  'k: {a: 1,', 'm: 1}', 'redirect_from:', '  - /a', '--- x', 'true: x', 'null: y', 'program: Beta', 'Program: Gamma', '[x]: y',
];
/** Lines that set a key Policy Lint reads without starting a plain entry: they must never be missed. */
const HIDDEN_KEYS = ['"program": Quoted key', "'policy': false", '? program', ': Complex', ' program: Indented', 'program : spaced'];

function doc(yaml: string, eol: string): string {
  return `---${eol}${yaml}${eol}---${eol}# Body${eol}`;
}

function same(text: string): void {
  const lines = new LineIndex(text);
  const whole = parseFrontMatterWhole(text, 'file:///doc.md', lines);
  // Twice: the second reading comes from the caches.
  assert.deepEqual(parseFrontMatter(text, 'file:///doc.md', lines), whole, JSON.stringify(text));
  assert.deepEqual(parseFrontMatter(text, 'file:///doc.md', lines), whole, JSON.stringify(text));
}

describe('perf: front matter read entry by entry', () => {
  it('gives what parsing the block whole gives, on the shapes it must refuse', () => {
    for (const yaml of [
      'program: Alpha\ntitle: Terms\nversions:\n  fpt: \'*\'\nredirect_from:\n  - /a\n  - /b',
      'participants:\n- counties\n- cities\nprogram: P',
      'program: A\nprogram: B',
      'program: A\nprogram: [x]',
      'a: "x\nb: y"',
      'a: [x,\nb: y]',
      'a: |\nb: c',
      'a: x\nb\nc: d',
      'base: &b x\nother: *b',
      'title: A & B\nprogram: P # note',
      '',
      '# only a comment',
      'program: P\n\n\n',
      'program: Alpha\n"program": Quoted key',
      'policy: true\n? policy\n: false',
      'program: A\n program: B',
    ]) {
      same(doc(yaml, '\n'));
      same(doc(yaml, '\r\n'));
    }
  });

  it('gives what parsing the block whole gives, for any mix of entries', async () => {
    const line = fc.oneof({ arbitrary: fc.constantFrom(...LINES), weight: 4 }, { arbitrary: fc.constantFrom(...HIDDEN_KEYS), weight: 1 });
    const yaml = fc.array(line, { maxLength: 10 });
    await checkProperty(
      'front matter by entry = whole',
      fc.property(yaml, fc.constantFrom('\n', '\r\n'), (ls, eol) => {
        same(doc(ls.join(eol), eol));
      }),
      400,
    );
  });

  it('a list read from the cache cannot be changed by one document for the next', () => {
    const text = doc('program: Alpha\nparticipants:\n  - counties\n  - states', '\n');
    const first = parseFrontMatter(text, 'file:///a.md', new LineIndex(text)).data.participants!;
    assert.throws(() => first.push('cities'), TypeError);
    assert.deepEqual(parseFrontMatter(text, 'file:///b.md', new LineIndex(text)).data.participants, ['counties', 'states']);
  });
});
