import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { policyScopes, scopesAt, tokenize } from './tokenize';

const MANDATORY = 'keyword.other.label.mandatory.policy-lint';
const OPTIONAL = 'keyword.other.label.optional.policy-lint';
const OBLIGATION = 'keyword.control.modal.obligation.policy-lint';
const PERMISSION = 'keyword.control.modal.permission.policy-lint';
const AMBIGUOUS = 'keyword.control.modal.ambiguous.policy-lint';
const PROHIBITION = 'keyword.control.modal.prohibition.policy-lint';
const TERM = 'entity.name.tag.participation-term.policy-lint';

/** The policy-lint scope on `needle` in a one-line document, or undefined. */
async function scopeOf(line: string, needle: string, occurrence = 0): Promise<string | undefined> {
  const [tokens] = await tokenize(line);
  return scopesAt(tokens, line, needle, occurrence).find((s) => s.endsWith('.policy-lint'));
}

describe('Markdown injection grammar', () => {
  it('is declared in the manifest as an injection into Markdown, without a language of its own', () => {
    const root = path.resolve(__dirname, '../../../..');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const grammar = manifest.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === 'policy-lint.injection');
    assert.deepEqual(grammar.injectTo, ['text.html.markdown']);
    assert.equal(grammar.language, undefined);
    assert.equal(manifest.contributes.languages, undefined, 'policy documents stay Markdown');
    assert.ok(fs.existsSync(path.join(root, grammar.path)));
  });

  it('highlights the label and the obligation in "[Mandatory] States must"', async () => {
    const line = '[Mandatory] States must submit reports.';
    const [tokens] = await tokenize(line);
    assert.ok(scopesAt(tokens, line, '[').includes(MANDATORY));
    assert.ok(scopesAt(tokens, line, 'Mandatory').includes(MANDATORY));
    assert.ok(scopesAt(tokens, line, ']').includes(MANDATORY));
    assert.ok(scopesAt(tokens, line, 'must').includes(OBLIGATION));
    assert.equal(await scopeOf(line, 'States'), undefined);
    // The host grammar still runs: the line is a Markdown paragraph.
    assert.ok(scopesAt(tokens, line, 'States').includes('meta.paragraph.markdown'));
  });

  it('reads every label form', async () => {
    assert.equal(await scopeOf('[Optional] Counties may share data.', 'Optional'), OPTIONAL);
    assert.equal(await scopeOf('- **Mandatory:** Agencies shall report.', 'Mandatory'), MANDATORY);
    assert.equal(await scopeOf('- **Optional**: Agencies can report.', 'Optional'), OPTIONAL);
    assert.equal(await scopeOf('Optional: Counties can opt in.', 'Optional'), OPTIONAL);
    assert.equal(await scopeOf('1. Required: cities will comply.', 'Required'), MANDATORY);
    assert.equal(await scopeOf('## Reporting (Mandatory)', '(Mandatory)'), MANDATORY);
    assert.equal(await scopeOf('> [voluntary] quoted clause', 'voluntary'), OPTIONAL);
  });

  it('tells modal verbs apart by force, longest phrase first', async () => {
    const line = 'States must act, shall act, are required to act, may act, can act, should act, will act, are expected to act, are encouraged to act.';
    assert.equal(await scopeOf(line, 'must'), OBLIGATION);
    assert.equal(await scopeOf(line, 'shall'), OBLIGATION);
    assert.equal(await scopeOf(line, 'are required to'), OBLIGATION);
    assert.equal(await scopeOf(line, 'may'), PERMISSION);
    assert.equal(await scopeOf(line, 'can'), PERMISSION);
    assert.equal(await scopeOf(line, 'should'), AMBIGUOUS);
    assert.equal(await scopeOf(line, 'will'), AMBIGUOUS);
    assert.equal(await scopeOf(line, 'are expected to'), AMBIGUOUS);
    assert.equal(await scopeOf(line, 'are encouraged to'), AMBIGUOUS);
    const negated = 'States must not act; cities may not act; towns are not required to act.';
    assert.equal(await scopeOf(negated, 'must not'), PROHIBITION);
    assert.equal(await scopeOf(negated, 'may not'), PROHIBITION);
    assert.equal(await scopeOf(negated, 'are not required to'), PERMISSION);
  });

  it('leaves nouns and dates that look like modals alone', async () => {
    const line = 'It is the will of the voters; a can of paint; due in May; due May 5.';
    const [tokens] = await tokenize(line);
    assert.deepEqual(policyScopes([tokens]), []);
  });

  it('marks participation terms in all their spellings', async () => {
    for (const term of ['opt out', 'opt-out', 'optout', 'opt in', 'opt-in', 'voluntary', 'mandatory', 'non-participating', 'nonparticipating']) {
      const line = `Jurisdictions ${term} here.`;
      assert.equal(await scopeOf(line, term), TERM, term);
    }
    assert.equal(await scopeOf('No options or optimism here.', 'options'), undefined);
  });

  it('highlights nothing inside code, comments, link targets or front matter', async () => {
    const text = [
      '---',
      'policy: true',
      'program: must shall optional',
      '---',
      '',
      'Inline `must [Mandatory] opt-out` code only.',
      '',
      '```',
      'States must [Mandatory] opt out',
      '```',
      '',
      '    States must (indented code)',
      '',
      '<!-- States must opt out -->',
      '',
      'See [the guide](https://example.gov/must-opt-out).',
    ].join('\n');
    const lines = await tokenize(text);
    assert.deepEqual(policyScopes(lines), []);
  });

  it('does not take a link text for a label', async () => {
    const line = 'See [Mandatory](https://example.gov/a) and [Optional][ref].';
    const [tokens] = await tokenize(line);
    assert.ok(!scopesAt(tokens, line, '[').includes(MANDATORY));
    assert.ok(scopesAt(tokens, line, '[').some((s) => s.startsWith('meta.link')));
  });

  it('highlights inside tables, lists and headings', async () => {
    const text = ['| Aspect | Participation |', '| --- | --- |', '| Sharing | Optional |', '', '- Agencies must report.', '', '## Agencies may opt out'].join('\n');
    const lines = await tokenize(text);
    assert.ok(scopesAt(lines[2], '| Sharing | Optional |', 'Optional').includes(TERM));
    assert.ok(scopesAt(lines[4], '- Agencies must report.', 'must').includes(OBLIGATION));
    assert.ok(scopesAt(lines[6], '## Agencies may opt out', 'may').includes(PERMISSION));
    assert.ok(scopesAt(lines[6], '## Agencies may opt out', 'may').includes('markup.heading.markdown'));
  });
});
