import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadPacks, expandSnippet } from '../../../server/src/packs';
import { diskReader, fixture, FIXTURES, memoryReader } from './helpers';

describe('snippet packs: loading', () => {
  it('loads a pack folder with two snippet files, comments and trailing commas, and its templates', async () => {
    const r = await loadPacks([fixture('state-guidance')], diskReader);
    assert.deepEqual(r.failed, []);
    assert.deepEqual(r.problems, []);
    assert.equal(r.packs.length, 1);
    const pack = r.packs[0];
    assert.equal(pack.name, 'State guidance');
    assert.equal(pack.version, '1.2.0');
    assert.equal(pack.kind, 'folder');
    assert.equal(pack.location, path.join(FIXTURES, 'state-guidance'));
    assert.deepEqual(pack.snippets.map((s) => s.name), ['Reporting clause', 'Fee waiver', 'Appeal notice']);
    const reporting = pack.snippets[0];
    assert.deepEqual(reporting.prefixes, ['state-reporting', 'state-report']);
    assert.equal(reporting.body, '[${1|Mandatory,Optional|}] ${2:Counties} ${3|must,may|} report ${4:booking data} to the state within ${5:30} days.\n$0');
    assert.equal(reporting.file, path.join(FIXTURES, 'state-guidance/snippets/clauses.code-snippets'));
    assert.equal(reporting.range?.start.line, 2, 'the snippet key is on line 3');
    assert.equal(expandSnippet(pack.snippets[1].body), '[Optional] Counties may request a waiver of the $25 fee.');
    assert.deepEqual(Object.keys(r.templates), ['state-guidance']);
    assert.deepEqual(r.templates['state-guidance'].sections[2], { name: 'Appeals', aliases: ['How to appeal'] });
  });

  it('loads a single-file pack with inline snippets', async () => {
    const r = await loadPacks([fixture('single', 'county.policypack.json')], diskReader);
    assert.deepEqual(r.problems, []);
    const [pack] = r.packs;
    assert.equal(pack.kind, 'file');
    assert.equal(pack.version, '0.3.1-beta.1');
    assert.equal(pack.location, path.join(FIXTURES, 'single/county.policypack.json'));
    assert.deepEqual(pack.snippets.map((s) => [s.name, s.prefixes, s.description]), [['Consent line', ['county-consent'], 'Optional consent clause.']]);
    assert.equal(pack.snippets[0].file, pack.manifestPath);
  });

  it('reports malformed JSON with file, line and column, and skips the pack', async () => {
    const r = await loadPacks([fixture('broken-json')], diskReader);
    assert.equal(r.packs.length, 0);
    assert.equal(r.failed.length, 1);
    const [p] = r.failed[0].problems;
    const file = path.join(FIXTURES, 'broken-json/policy-pack.json');
    assert.equal(p.source, file);
    assert.equal(p.severity, 'error');
    assert.deepEqual(p.range?.start, { line: 3, character: 2 }, 'at the "description" key that follows the missing comma');
    assert.equal(p.message, `${file}:4:3: the pack manifest is not valid JSON: a comma \`,\` is expected.`);
  });

  it('reports one error for one mistake, not every error that follows from it', async () => {
    const reader = memoryReader({ '/p/policy-pack.json': '{\n  "name": "P",\n  "version": "1.0.0",\n  "description": "d",\n' });
    const r = await loadPacks([{ manifestPath: '/p/policy-pack.json', origin: 'settings' }], reader);
    assert.deepEqual(r.failed[0].problems.map((p) => p.message), ['/p/policy-pack.json:5:1: the pack manifest is not valid JSON: a property name in double quotes is expected.']);
  });

  it('reports schema violations naming the key and its line, and skips the pack', async () => {
    const r = await loadPacks([fixture('bad-schema')], diskReader);
    assert.equal(r.packs.length, 0);
    const file = path.join(FIXTURES, 'bad-schema/policy-pack.json');
    const messages = r.failed[0].problems.map((p) => p.message).sort();
    assert.deepEqual(messages, [
      `${file}:3:14: \`version\` must be a semantic version such as 1.0.0.`,
      `${file}:5:3: \`snipets\` is not a known key.`,
    ]);
    assert.deepEqual(r.failed[0].problems.map((p) => p.key).sort(), ['snipets', 'version']);
    assert.equal(r.failed[0].name, 'Bad schema');
  });

  it('names the missing key and the bad snippet in a snippet file', async () => {
    const dir = '/packs/p';
    const reader = memoryReader({
      [`${dir}/policy-pack.json`]: '{"name":"P","version":"1.0.0","description":"d","snippets":"s.code-snippets"}',
      [`${dir}/s.code-snippets`]: '{\n  "No body": {\n    "prefix": "p-nobody"\n  },\n  "Spaced": { "prefix": "two words", "body": "x" }\n}',
    });
    const r = await loadPacks([{ manifestPath: `${dir}/policy-pack.json`, origin: 'settings' }], reader);
    assert.deepEqual(r.failed[0].problems.map((p) => p.message), [
      `${dir}/s.code-snippets:2:14: the snippet "No body" is missing the required key \`body\`.`,
      `${dir}/s.code-snippets:5:25: the snippet "Spaced": \`prefix\` must be one word, without spaces.`,
    ]);
  });

  it('refuses snippet paths that leave the pack folder, without reading them', async () => {
    const r = await loadPacks([fixture('escaping')], diskReader);
    assert.equal(r.packs.length, 0);
    const messages = r.failed[0].problems.map((p) => p.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0], /escaping[/\\]policy-pack\.json:5:16: the snippet file "\.\.\/state-guidance\/snippets\/clauses\.code-snippets" is outside the pack folder/);
    assert.match(messages[1], /policy-pack\.json:5:68: the snippet file "\/etc\/passwd\.code-snippets" must be a path relative to the pack folder/);

    const reader = memoryReader({ '/p/policy-pack.json': '{"name":"P","version":"1.0.0","description":"d","snippets":["a/../../x.code-snippets","C:\\\\x.code-snippets","ok/../in.code-snippets"]}', '/p/in.code-snippets': '{}' });
    const r2 = await loadPacks([{ manifestPath: '/p/policy-pack.json', origin: 'settings' }], reader);
    assert.equal(r2.failed[0].problems.length, 2);
    assert.deepEqual(reader.reads, ['/p/policy-pack.json', '/p/in.code-snippets'], 'only the manifest and the file inside the pack are read');
  });

  it('refuses a snippet file that is a symbolic link out of the pack folder', async () => {
    const reader = {
      ...memoryReader({ '/p/policy-pack.json': '{"name":"P","version":"1.0.0","description":"d","snippets":"link.code-snippets"}', '/p/link.code-snippets': '{}' }),
      realPath: async (p: string) => (p === '/p/link.code-snippets' ? '/secret/x.code-snippets' : p),
    };
    const r = await loadPacks([{ manifestPath: '/p/policy-pack.json', origin: 'settings' }], reader);
    assert.match(r.failed[0].problems[0].message, /is a link to \/secret\/x\.code-snippets, outside the pack folder/);
  });

  it('reports a snippet file that does not exist at the entry that names it', async () => {
    const reader = memoryReader({ '/p/policy-pack.json': '{\n "name":"P","version":"1.0.0","description":"d",\n "snippets":"missing.code-snippets"}' });
    const r = await loadPacks([{ manifestPath: '/p/policy-pack.json', origin: 'settings' }], reader);
    assert.equal(r.failed[0].problems[0].message, '/p/policy-pack.json:3:13: cannot read the snippet file /p/missing.code-snippets: the file does not exist.');
  });

  it('reports an unclosed placeholder in a snippet body at its line', async () => {
    const r = await loadPacks([fixture('bad-body')], diskReader);
    const [p] = r.failed[0].problems;
    assert.equal(p.range?.start.line, 4);
    assert.match(p.message, /bad\.code-snippets:5:7: in the body of snippet "Unclosed": `\$\{1:` is never closed with `\}`/);
  });

  it('warns on prefixes shared by two packs and with a built-in snippet, naming both; both stay loaded', async () => {
    const r = await loadPacks([fixture('state-guidance'), fixture('clash')], diskReader, {
      builtin: [{ name: 'Intent and expectations', prefixes: ['policy-intent'] }],
    });
    assert.equal(r.packs.length, 2);
    assert.ok(r.problems.every((p) => p.severity === 'warning'));
    const messages = r.problems.map((p) => p.message);
    assert.equal(messages.length, 3);
    assert.ok(messages.some((m) => /clauses\.code-snippets:3:3: the prefix "state-reporting" of snippet "Reporting clause" in pack "State guidance" is also used by snippet "Our reporting clause" in pack "Clash"; VS Code offers both\.$/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /clash\.code-snippets:2:3: the prefix "state-reporting" of snippet "Our reporting clause" in pack "Clash" is also used by snippet "Reporting clause" in pack "State guidance"/.test(m)));
    assert.ok(messages.some((m) => /the prefix "policy-intent" of snippet "Our intent section" in pack "Clash" is also used by the built-in Policy Lint snippet "Intent and expectations"/.test(m)));
    const clash = r.packs.find((p) => p.name === 'Clash')!;
    assert.equal(clash.problems.length, 2);
    assert.equal(clash.snippets.length, 2);
  });

  it('keeps loading other packs when one is broken, in any order', async () => {
    const r = await loadPacks([fixture('broken-json'), fixture('state-guidance'), fixture('bad-schema'), fixture('single', 'county.policypack.json')], diskReader);
    assert.deepEqual(r.packs.map((p) => p.name), ['State guidance', 'County forms']);
    assert.deepEqual(r.failed.map((f) => path.basename(path.dirname(f.manifestPath))), ['broken-json', 'bad-schema']);
  });

  it('reports an unreadable manifest and a file that is not a pack', async () => {
    const r = await loadPacks(
      [
        { manifestPath: '/nowhere/policy-pack.json', origin: 'settings' },
        { manifestPath: '/x/notes.json', origin: 'settings' },
      ],
      memoryReader({}),
    );
    assert.deepEqual(r.problems.map((p) => p.message), [
      '/nowhere/policy-pack.json: cannot read the pack manifest: the file does not exist.',
      '/x/notes.json: not a snippet pack: a pack is a folder with policy-pack.json or a file named *.policypack.json.',
    ]);
  });

  it('loads the same pack once when it is found twice', async () => {
    const r = await loadPacks([fixture('single', 'county.policypack.json'), { ...fixture('single', 'county.policypack.json'), origin: 'settings' }], diskReader);
    assert.equal(r.packs.length, 1);
    assert.equal(r.packs[0].origin, 'workspace');
  });

  it('rejects inline paths in a single-file pack, and warns on template and name clashes', async () => {
    const files = {
      '/a/one.policypack.json': '{"name":"One","version":"1.0.0","description":"d","snippets":"x.code-snippets"}',
      '/b/policy-pack.json': '{"name":"Two","version":"1.0.0","description":"d","templates":{"t":{"sections":[{"name":"A"}]}}}',
      '/c/policy-pack.json': '{"name":"two","version":"1.0.0","description":"d",\n"templates":{"t":{"sections":[{"name":"B"}]}}}',
    };
    const r = await loadPacks(Object.keys(files).map((manifestPath) => ({ manifestPath, origin: 'workspace' as const })), memoryReader(files));
    assert.match(r.failed[0].problems[0].message, /single-file pack \(\*\.policypack\.json\) holds its snippets inline/);
    assert.deepEqual(r.templates, { t: { sections: [{ name: 'A' }] } }, 'the first pack to define a template wins');
    const c = r.packs.find((p) => p.manifestPath === '/c/policy-pack.json')!;
    assert.ok(c.problems.some((p) => p.message === '/c/policy-pack.json:2:14: the template "t" is also defined by pack "Two" (/b/policy-pack.json), whose definition is used.'));
    assert.ok(c.problems.some((p) => /another pack is also named "two"/.test(p.message)));
  });

  it('warns on an empty pack and on a snippet defined twice in one file', async () => {
    const files = {
      '/e/policy-pack.json': '{"name":"Empty","version":"1.0.0","description":"d"}',
      '/d/policy-pack.json': '{"name":"Dup","version":"1.0.0","description":"d","snippets":"s.code-snippets"}',
      '/d/s.code-snippets': '{"A":{"prefix":"a","body":"1"},\n"A":{"prefix":"a2","body":"2"}}',
    };
    const r = await loadPacks(Object.keys(files).filter((f) => f.endsWith('pack.json')).map((manifestPath) => ({ manifestPath, origin: 'workspace' as const })), memoryReader(files));
    assert.equal(r.packs.length, 2);
    assert.deepEqual(r.problems.map((p) => [p.severity, p.message]), [
      ['warning', '/e/policy-pack.json:1:1: the pack "Empty" has no snippets and no templates.'],
      ['warning', '/d/s.code-snippets:1:2: the snippet "A" is defined again on line 2; VS Code keeps only the last one.'],
    ]);
  });
});
