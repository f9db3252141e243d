import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTextFileSync } from '../../../server/src/node/readTextFiles';
import { writeFileAtomic } from '../../../server/src/node/atomicWrite';
import { cleanTempDirs, tempDir } from './helpers';

describe('cli: reading and writing files', () => {
  after(cleanTempDirs);

  it('reads UTF-8 text, strips and reports a BOM, refuses binary and non-UTF-8, reports I/O errors', () => {
    const dir = tempDir();
    const write = (name: string, data: string | Buffer) => {
      fs.writeFileSync(path.join(dir, name), data);
      return path.join(dir, name);
    };
    const files = [
      write('plain.md', 'héllo — “quoted”\n'),
      write('bom.md', '\uFEFFwith bom\n'),
      write('nul.md', Buffer.from('text\0more')),
      write('latin1.md', Buffer.from([0x63, 0x61, 0x66, 0xe9])),
      path.join(dir, 'absent.md'),
    ];
    const results = files.map(readTextFileSync);
    assert.deepEqual(
      results.map((r) => (r.ok ? [path.basename(r.file), r.text, r.bom] : [path.basename(r.file), r.reason, r.message])),
      [
        ['plain.md', 'héllo — “quoted”\n', false],
        ['bom.md', 'with bom\n', true],
        ['nul.md', 'binary', 'looks binary (it contains NUL bytes)'],
        ['latin1.md', 'encoding', 'is not valid UTF-8'],
        ['absent.md', 'io', 'cannot be read (ENOENT)'],
      ],
    );
  });

  it('writes atomically, keeping no temporary file, and refuses to leave one on failure', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'doc.md');
    fs.writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new');
    assert.equal(fs.readFileSync(file, 'utf8'), 'new');
    assert.deepEqual(fs.readdirSync(dir), ['doc.md']);
    // A folder in place of the file: the rename fails, the temporary file is removed.
    const blocked = path.join(dir, 'folder.md');
    fs.mkdirSync(blocked);
    await assert.rejects(writeFileAtomic(blocked, 'text'));
    assert.deepEqual(fs.readdirSync(dir).sort(), ['doc.md', 'folder.md']);
  });
});
