import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileUri } from '../../server/src/cli/paths';

describe('perf: fileUri', () => {
  it('gives what pathToFileURL gives, on plain paths (its shortcut) and on every other kind', () => {
    const cases = [
      '/a/b.md', '/work/main/bench-data/corpus/part-1/README-0000.md', '/A/Z9', '/a-b/c_d.e.md',
      '/a/.b/c', '/a/../b', '/a/./b', '/a//b', '/a/b/', '/', '/a b/c', '/a/%41', '/a/é', '/a/b#c', '/a/b?c', '/a~/b', '/a/b\\c',
      'relative/x.md', path.join(process.cwd(), 'docs', 'x.md'),
    ];
    for (const c of cases) assert.equal(fileUri(c), pathToFileURL(c).toString(), c);
  });
});
