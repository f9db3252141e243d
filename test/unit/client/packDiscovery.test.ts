import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverPacksAt, isInside, packOfFile, resolveConfiguredPath } from '../../../client/src/packDiscovery';

describe('client: finding snippet packs on disk', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-packs-'));
    const write = (rel: string, text = '{}') => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    write('shared/alpha/policy-pack.json');
    write('shared/alpha/snippets/a.code-snippets');
    write('shared/beta/policy-pack.json');
    write('shared/gamma.policypack.json');
    write('shared/not-a-pack/readme.md');
    write('shared/notes.json');
    write('empty/readme.md');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a folder of packs yields each pack folder and single-file pack in it', async () => {
    const r = await discoverPacksAt(path.join(dir, 'shared'));
    assert.equal(r.problem, undefined);
    assert.deepEqual(r.manifests.map((m) => path.relative(dir, m).split(path.sep).join('/')), ['shared/alpha/policy-pack.json', 'shared/beta/policy-pack.json', 'shared/gamma.policypack.json']);
  });

  it('a pack folder or a pack file yields itself', async () => {
    assert.deepEqual((await discoverPacksAt(path.join(dir, 'shared/alpha'))).manifests, [path.join(dir, 'shared/alpha/policy-pack.json')]);
    assert.deepEqual((await discoverPacksAt(path.join(dir, 'shared/gamma.policypack.json'))).manifests, [path.join(dir, 'shared/gamma.policypack.json')]);
  });

  it('says what is wrong with a path that holds no pack', async () => {
    assert.match((await discoverPacksAt(path.join(dir, 'missing'))).problem!, /missing: the snippet pack path does not exist/);
    assert.match((await discoverPacksAt(path.join(dir, 'empty'))).problem!, /empty: no snippet packs found/);
    assert.match((await discoverPacksAt(path.join(dir, 'shared/notes.json'))).problem!, /notes\.json: not a snippet pack/);
  });

  it('finds the pack a file belongs to', async () => {
    assert.equal(await packOfFile(path.join(dir, 'shared/alpha/snippets/a.code-snippets')), path.join(dir, 'shared/alpha/policy-pack.json'));
    assert.equal(await packOfFile(path.join(dir, 'shared/gamma.policypack.json')), path.join(dir, 'shared/gamma.policypack.json'));
    assert.equal(await packOfFile(path.join(dir, 'empty/readme.md'), dir), undefined);
  });

  it('resolves configured paths and tells inside from outside the workspace', () => {
    assert.equal(resolveConfiguredPath('~/packs', '/ws', '/home/u'), path.resolve('/home/u/packs'));
    assert.equal(resolveConfiguredPath('team-packs', '/ws', '/home/u'), path.resolve('/ws/team-packs'));
    assert.equal(resolveConfiguredPath('/shared/packs', '/ws', '/home/u'), path.resolve('/shared/packs'));
    assert.ok(isInside(path.resolve('/ws/a/b'), [path.resolve('/ws')]));
    assert.ok(isInside(path.resolve('/ws'), [path.resolve('/ws')]));
    assert.ok(!isInside(path.resolve('/ws-other/a'), [path.resolve('/ws')]));
    assert.ok(!isInside(path.resolve('/shared'), [path.resolve('/ws')]));
  });
});
