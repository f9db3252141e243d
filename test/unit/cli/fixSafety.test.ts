import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project, type ResolvedConfig } from '../../../server/src/engine';
import { FileChangedError, writeFileAtomic } from '../../../server/src/node/atomicWrite';
import { cleanTempDirs, runCli, snapshot, tempDir, workspace } from './helpers';

const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

/** A Project that runs `onUpsert` before analysing each text (to act "between read and write"). */
function projectWith(onUpsert: (uri: string, text: string) => void) {
  class HookedProject extends Project {
    override upsert(uri: string, text: string, options?: { trackAffected?: boolean }) {
      onUpsert(uri, text);
      return super.upsert(uri, text, options);
    }
  }
  return (c: ResolvedConfig) => new HookedProject(c);
}

describe('cli: --fix never loses the author\'s words', () => {
  after(cleanTempDirs);

  describe('writeFileAtomic with the content read', () => {
    it('replaces the file when it still holds what was read, keeping its mode, leaving no temporary file', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'a.md');
      fs.writeFileSync(file, 'old\n');
      fs.chmodSync(file, 0o600);
      await writeFileAtomic(file, 'new\n', { expected: 'old\n' });
      assert.equal(fs.readFileSync(file, 'utf8'), 'new\n');
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assert.deepEqual(fs.readdirSync(dir), ['a.md']);
    });

    it('leaves a file that changed since it was read, and one that was deleted', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'a.md');
      fs.writeFileSync(file, 'saved by the editor meanwhile\n');
      await assert.rejects(writeFileAtomic(file, 'fixed\n', { expected: 'as read\n' }), (e: unknown) => e instanceof FileChangedError && e.file === file && /changed on disk/.test(e.message));
      assert.equal(fs.readFileSync(file, 'utf8'), 'saved by the editor meanwhile\n');
      fs.rmSync(file);
      await assert.rejects(writeFileAtomic(file, 'fixed\n', { expected: 'as read\n' }), FileChangedError);
      assert.deepEqual(fs.readdirSync(dir), [], 'not recreated, no temporary file left');
    });

    it('compares bytes: a byte order mark or a line ending changed on disk counts as a change', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'a.md');
      fs.writeFileSync(file, 'line\r\n');
      await assert.rejects(writeFileAtomic(file, 'fixed\n', { expected: 'line\n' }), FileChangedError);
      fs.writeFileSync(file, '\uFEFFline\n');
      await assert.rejects(writeFileAtomic(file, 'fixed\n', { expected: 'line\n' }), FileChangedError);
      await writeFileAtomic(file, '\uFEFFfixed\n', { expected: '\uFEFFline\n' });
      assert.equal(fs.readFileSync(file, 'utf8'), '\uFEFFfixed\n');
    });
  });

  it('--fix does not overwrite a file saved by someone else after it was read; it says so and fixes the rest (exit 1)', async () => {
    const dir = workspace('fixable');
    fs.writeFileSync(path.join(dir, 'other.md'), 'Grantees must keep records.\n');
    const grants = path.join(dir, 'grants.md');
    const theirs = `${read(dir, 'grants.md')}\nA paragraph the author added in the editor.\n`;
    // The files were read before the first analysis; the author saves grants.md right then.
    let saved = false;
    const createProject = projectWith(() => {
      if (saved) return;
      saved = true;
      fs.writeFileSync(grants, theirs);
    });
    const r = await runCli(['--fix'], dir, { createProject });
    assert.ok(saved);
    assert.equal(read(dir, 'grants.md'), theirs, 'the author\'s save is kept');
    assert.match(r.stderr, /^grants\.md: error: could not write the fixed file: the file changed on disk after it was read; it was not overwritten/m);
    assert.equal(read(dir, 'other.md'), '[Mandatory] Grantees must keep records.\n', 'the other file is fixed');
    assert.equal(r.code, 1);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['grants.md', 'notes.md', 'other.md'], 'no temporary file left');
  });

  it('--fix does not touch a file whose text could not be analysed, nor one whose fixed text cannot be', async () => {
    const dir = workspace('fixable');
    fs.writeFileSync(path.join(dir, 'broken.md'), 'Grantees must report. PARSE-FAILURE\n');
    fs.writeFileSync(path.join(dir, 'fix-breaks.md'), 'Grantees must report.\n');
    const before = snapshot(dir);
    const createProject = projectWith((uri, text) => {
      if (text.includes('PARSE-FAILURE')) throw new Error('cannot parse this document');
      if (uri.endsWith('/fix-breaks.md') && text.includes('[Mandatory]')) throw new Error('cannot parse the fixed text');
    });
    const r = await runCli(['--fix'], dir, { createProject });
    const after = snapshot(dir);
    assert.deepEqual(after.get('broken.md'), before.get('broken.md'), 'content, mtime and inode unchanged');
    assert.deepEqual(after.get('fix-breaks.md'), before.get('fix-breaks.md'));
    assert.match(r.stderr, /^broken\.md: error: could not be analysed: cannot parse this document$/m);
    assert.match(r.stderr, /fix-breaks\.md: warning: its fixes were not applied because the fixed text could not be analysed/);
    assert.match(read(dir, 'grants.md'), /\[Mandatory\] Grantees must file/, 'the other files are fixed');
    assert.equal(r.code, 1);
  });
});
