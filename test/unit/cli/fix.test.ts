import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JsonFinding } from '../../../server/src/cli/formatters/json';
import { cleanTempDirs, runCli, snapshot, workspace } from './helpers';

const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

describe('cli: --fix and --fix-dry-run', () => {
  after(cleanTempDirs);

  it('--fix inserts labels and unifies terms, keeping every other byte, and reports what remains', async () => {
    const dir = workspace('fixable');
    const before = snapshot(dir);
    const original = read(dir, 'grants.md');
    const r = await runCli(['--fix', '-f', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const expected = original
      .replace('Grantees must file a quarterly report.', '[Mandatory] Grantees must file a quarterly report.')
      .replace('may opt-out of', 'may opt out of');
    assert.notEqual(expected, original);
    assert.equal(read(dir, 'grants.md'), expected);
    // The remaining finding is the one without a safe fix.
    const remaining = JSON.parse(r.stdout) as JsonFinding[];
    assert.deepEqual(remaining.map((f) => [f.file, f.ruleId, f.line]), [['grants.md', 'missing-label', 9]]);
    // notes.md had nothing to fix: not rewritten, not even touched.
    const after = snapshot(dir);
    assert.deepEqual(after.get('notes.md'), before.get('notes.md'));
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'no temporary files left behind');
  });

  it('--fix is idempotent: a second run changes and touches nothing', async () => {
    const dir = workspace('fixable');
    assert.equal((await runCli(['--fix'], dir)).code, 0);
    const once = snapshot(dir);
    const r = await runCli(['--fix'], dir);
    assert.equal(r.code, 0);
    assert.deepEqual(snapshot(dir), once);
    assert.doesNotMatch(r.stdout, /fixable with --fix/);
  });

  it('--fix keeps CRLF line endings, a byte order mark and the file mode', async () => {
    const dir = workspace('fixable');
    const file = path.join(dir, 'grants.md');
    const crlf = read(dir, 'grants.md').replace(/\n/g, '\r\n');
    fs.writeFileSync(file, `\uFEFF${crlf}`);
    fs.chmodSync(file, 0o640);
    assert.equal((await runCli(['--fix'], dir)).code, 0);
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
    const text = bytes.toString('utf8').slice(1);
    assert.equal(text, crlf.replace('Grantees must', '[Mandatory] Grantees must').replace('opt-out', 'opt out'));
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  });

  it('--fix never touches a file it could not read', async () => {
    const dir = workspace('fixable');
    const bad = path.join(dir, 'latin1.md');
    // "Grantees must opt-out" in Latin-1 with an "é": not UTF-8, so it is skipped, never rewritten.
    fs.writeFileSync(bad, Buffer.from('Grantees must opt-out of caf\xe9 hours.\n', 'latin1'));
    const before = snapshot(dir).get('latin1.md');
    const r = await runCli(['--fix'], dir);
    assert.match(r.stderr, /latin1\.md: warning: skipped: the file is not valid UTF-8/);
    assert.deepEqual(snapshot(dir).get('latin1.md'), before);
    assert.match(read(dir, 'grants.md'), /\[Mandatory\] Grantees must/, 'the other files are still fixed');
  });

  it('--fix-dry-run prints a diff and writes nothing', async () => {
    const dir = workspace('fixable');
    const before = snapshot(dir);
    const r = await runCli(['--fix-dry-run'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(snapshot(dir), before);
    const diff = r.stdout.slice(0, r.stdout.indexOf('\ngrants.md\n') + 1);
    assert.equal(
      diff,
      [
        '--- a/grants.md',
        '+++ b/grants.md',
        '@@ -2,8 +2,8 @@',
        ' ',
        ' ## Reporting',
        ' ',
        '-Grantees must file a quarterly report.',
        '+[Mandatory] Grantees must file a quarterly report.',
        ' ',
        '-Grantees may opt-out of the optional survey.',
        '+Grantees may opt out of the optional survey.',
        ' ',
        ' Grantees should keep receipts.',
        '',
      ].join('\n'),
    );
    // What would remain is reported after the diff.
    assert.match(r.stdout, /✖ 1 problem \(0 errors, 1 warning\)/);
  });

  it('--fix across files: a term fixed in one document settles the finding computed from another', async () => {
    const dir = workspace('two-docs');
    const r = await runCli(['--fix', '-f', 'json'], dir);
    const remaining = JSON.parse(r.stdout) as JsonFinding[];
    assert.ok(!remaining.some((f) => f.ruleId === 'term-variant'));
    assert.match(read(dir, 'guidance.md'), /States may opt out of notifications\./);
    assert.ok(remaining.some((f) => f.ruleId === 'participation-contradiction'), 'what cannot be fixed safely remains');
    assert.equal(r.code, 1);
  });
});
