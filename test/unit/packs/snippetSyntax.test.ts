import * as assert from 'node:assert/strict';
import { escapeSnippetText, expandSnippet, parseSnippet, snippetChoices } from '../../../server/src/packs';

describe('snippet packs: snippet syntax', () => {
  it('expands placeholders, choices, mirrored tab stops and variables to their defaults', () => {
    assert.equal(expandSnippet('[${1|Mandatory,Optional|}] ${2:States} ${3|must,may|} report.$0'), '[Mandatory] States must report.');
    assert.equal(expandSnippet('${1:The office} reviews; ${1} publishes.'), 'The office reviews; The office publishes.');
    assert.equal(expandSnippet('${1:outer ${2:inner}} and $2'), 'outer inner and inner');
    assert.equal(expandSnippet('Year ${CURRENT_YEAR}, ${TM_SELECTED_TEXT:none}, $TM_FILENAME.', { CURRENT_YEAR: '2030' }), 'Year 2030, none, .');
    assert.equal(expandSnippet('${1/(.*)/${1:/upcase}/} done'), ' done', 'a transform inserts nothing by default');
  });

  it('treats escapes and stray characters as text, as VS Code does', () => {
    assert.equal(expandSnippet('costs \\$25 \\} and \\\\ and $ alone and } alone'), 'costs $25 } and \\ and $ alone and } alone');
    assert.equal(expandSnippet('${1|a\\,b,c\\|d|}'), 'a,b');
    assert.deepEqual(snippetChoices('${1|a\\,b,c\\|d|} ${2|x,y|}'), [['a,b', 'c|d'], ['x', 'y']]);
  });

  it('reports constructs that are never closed, with their offset', () => {
    assert.deepEqual(parseSnippet('ok ${1:never closed').problems, [{ offset: 3, message: '`${1:` is never closed with `}`, so VS Code inserts it as plain text' }]);
    assert.match(parseSnippet('${2|a,b}').problems[0].message, /choice `\$\{2\|…` is never closed with `\|\}`/);
    assert.match(parseSnippet('${3 x}').problems[0].message, /`\$\{3` must be followed by/);
    assert.deepEqual(parseSnippet('${1:a} ${2|x,y|} $3 ${VAR} ${VAR:d} \\${1:x').problems, []);
    // The unclosed text is kept literally, so nothing the author wrote is lost.
    assert.equal(expandSnippet('ok ${1:never closed'), 'ok ${1:never closed');
  });

  it('escapes selected text so the snippet inserts it unchanged', () => {
    const samples = [
      'Fees are $25 per ${request}.',
      'A literal backslash \\ and \\$ and a brace } and {braces}',
      'Template ${1:looking} text $0 and $TM_FILENAME',
      '```\nconst x = `${a}`;\n```',
    ];
    for (const s of samples) {
      const body = escapeSnippetText(s);
      assert.deepEqual(parseSnippet(body).problems, []);
      assert.equal(expandSnippet(body), s, s);
    }
    assert.equal(escapeSnippetText('$1 } \\'), '\\$1 \\} \\\\');
  });
});
