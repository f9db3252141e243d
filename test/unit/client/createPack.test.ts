import * as assert from 'node:assert/strict';
import { newManifest, packFolderName, prefixesIn, snippetTarget, withSnippet, withSnippetFile } from '../../../client/src/createPack';
import { expandSnippet, loadPacks } from '../../../server/src/packs';
import { memoryReader } from '../packs/helpers';

describe('client: create snippet from selection', () => {
  const selection = 'Fees are $25 per {request}.\r\n[Mandatory] States must pay } and \\ too.';

  it('writes a new pack that the loader accepts, and the snippet inserts the selection unchanged', async () => {
    const manifest = newManifest('County Forms', 'Forms the county uses.');
    const target = snippetTarget(manifest);
    assert.deepEqual(target, { kind: 'file', path: 'snippets.code-snippets' });
    const { text, name } = withSnippet(undefined, { name: 'Fee clause', prefix: 'county-fee', description: 'Fee clause', text: selection });
    assert.equal(name, 'Fee clause');
    const dir = `/ws/.policy-packs/${packFolderName('County Forms')}`;
    assert.equal(dir, '/ws/.policy-packs/county-forms');
    const r = await loadPacks([{ manifestPath: `${dir}/policy-pack.json`, origin: 'workspace' }], memoryReader({ [`${dir}/policy-pack.json`]: manifest, [`${dir}/snippets.code-snippets`]: text }));
    assert.deepEqual(r.problems, []);
    const [snippet] = r.packs[0].snippets;
    assert.deepEqual(snippet.prefixes, ['county-fee']);
    assert.equal(expandSnippet(snippet.body), selection.replace(/\r\n/g, '\n'));
  });

  it('adds to an existing snippet file, keeping its comments and never overwriting a snippet', () => {
    const file = '{\n  // Team clauses\n  "Fee clause": { "prefix": "a", "body": "x" },\n}\n';
    const first = withSnippet(file, { name: 'Fee clause', prefix: 'b', text: 'y' });
    assert.equal(first.name, 'Fee clause (2)');
    assert.match(first.text, /\/\/ Team clauses/);
    const second = withSnippet(first.text, { name: 'Fee clause', prefix: 'c', text: 'z' });
    assert.equal(second.name, 'Fee clause (3)');
    assert.deepEqual([...prefixesIn(second.text)].sort(), ['a', 'b', 'c']);
  });

  it('adds to the inline snippets of a manifest, or names a snippet file when there is none', () => {
    const inline = '{"name":"P","version":"1.0.0","description":"d","snippets":{"A":{"prefix":"a","body":"1"}}}';
    assert.deepEqual(snippetTarget(inline), { kind: 'inline' });
    const added = withSnippet(inline, { name: 'B', prefix: 'b', text: '2' }, ['snippets']);
    assert.deepEqual(JSON.parse(added.text).snippets.B, { prefix: 'b', body: ['2'] });
    assert.deepEqual([...prefixesIn(added.text, ['snippets'])], ['a', 'b']);

    const bare = '{\n  "name": "P",\n  "version": "1.0.0",\n  "description": "d"\n}\n';
    assert.deepEqual(snippetTarget(bare), { kind: 'none' });
    assert.equal(JSON.parse(withSnippetFile(bare)).snippets, 'snippets.code-snippets');
    assert.deepEqual(snippetTarget('{"snippets":["a.code-snippets","b.code-snippets"]}'), { kind: 'file', path: 'a.code-snippets' });
  });

  it('makes a folder name from any pack name', () => {
    assert.equal(packFolderName('  State Guidance v2 '), 'state-guidance-v2');
    assert.equal(packFolderName('***'), 'pack');
  });
});
