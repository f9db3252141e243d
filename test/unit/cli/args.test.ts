import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCliArgs, UsageError } from '../../../server/src/cli/args';
import { cleanTempDirs, REPO_ROOT, runCli, workspace } from './helpers';

describe('cli: arguments', () => {
  after(cleanTempDirs);

  it('parses every flag', () => {
    const o = parseCliArgs(['docs', '-c', 'cfg.yaml', '-f', 'json', '-o', 'out.json', '--fix', '--max-warnings', '3', '--baseline', 'b.json', '--rule', 'missing-label=error', '--rule', 'term-variant=off', '-q', 'more/*.md']);
    assert.deepEqual(o.paths, ['docs', 'more/*.md']);
    assert.equal(o.config, 'cfg.yaml');
    assert.equal(o.format, 'json');
    assert.equal(o.output, 'out.json');
    assert.equal(o.fix, true);
    assert.equal(o.fixDryRun, false);
    assert.equal(o.maxWarnings, 3);
    assert.equal(o.baseline, 'b.json');
    assert.deepEqual(o.rules, { 'missing-label': 'error', 'term-variant': 'off' });
    assert.equal(o.quiet, true);
    assert.equal(parseCliArgs([]).format, 'stylish');
  });

  for (const [argv, pattern] of [
    [['--bogus'], /Unknown option '--bogus'/],
    [['--format', 'xml'], /--format must be one of stylish, json, sarif; got "xml"/],
    [['--format'], /--format/],
    [['--max-warnings', 'many'], /--max-warnings takes a whole number/],
    [['--rule', 'missing-label'], /--rule takes ID=SEVERITY/],
    [['--rule', 'no-such-rule=error'], /unknown rule "no-such-rule"/],
    [['--rule', 'missing-label=loud'], /severity must be one of/],
    [['--fix', '--fix-dry-run'], /cannot be used together/],
  ] as const) {
    it(`rejects ${argv.join(' ')} with exit code 2, a message and the usage`, async () => {
      assert.throws(() => parseCliArgs([...argv]), (e: unknown) => e instanceof UsageError && pattern.test(e.message));
      const r = await runCli([...argv], workspace('clean'));
      assert.equal(r.code, 2);
      assert.match(r.stderr, pattern);
      assert.match(r.stderr, /Usage: policy-lint/);
      assert.equal(r.stdout, '');
    });
  }

  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await runCli(['--help'], workspace('clean'));
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: policy-lint \[options\] \[paths or globs\.\.\.\]/);
    for (const flag of ['--config', '--format', '--output', '--fix', '--fix-dry-run', '--max-warnings', '--baseline', '--write-baseline', '--rule', '--quiet', '--version']) {
      assert.ok(r.stdout.includes(flag), `usage mentions ${flag}`);
    }
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version'], workspace('clean'));
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${pkg.version}\n`);
  });

  it('a path that does not exist is a usage error naming it (exit 2)', async () => {
    const dir = workspace('clean');
    const r = await runCli(['policy.md', 'nope.md', 'missing/**/*.md'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nope\.md/);
    assert.match(r.stderr, /missing\/\*\*\/\*\.md/);
    assert.equal(r.stdout, '');
  });

  it('lints the current folder by default, and files, folders and globs when named', async () => {
    const dir = workspace('two-docs');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'extra.md'), 'Agencies should publish an annual report.\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'Agencies should publish an annual report.\n');
    const files = async (argv: string[]) => [...new Set((JSON.parse((await runCli([...argv, '-f', 'json'], dir)).stdout) as { file: string }[]).map((f) => f.file))].sort();
    assert.deepEqual(await files([]), ['guidance.md', 'notice.md', 'sub/extra.md']);
    assert.deepEqual(await files(['sub']), ['sub/extra.md']);
    assert.deepEqual(await files(['notes.txt']), ['notes.txt'], 'a file named explicitly is linted whatever its extension');
    assert.deepEqual(await files(['*.md']), ['guidance.md', 'notice.md']);
  });
});
