import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanTempDirs, REPO_ROOT, workspace } from './helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/** Runs the built bin as a user would; `npm test` builds dist/ first. */
function bin(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 15000, env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return r;
}

describe('cli: the built bin (dist/cli.js)', () => {
  before(function () {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  });
  after(cleanTempDirs);

  it('starts with a shebang so npm can link it as `policy-lint`', () => {
    assert.match(fs.readFileSync(CLI, 'utf8'), /^#!\/usr\/bin\/env node\n/);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.equal(pkg.bin['policy-lint'], 'dist/cli.js');
  });

  it('exits 0 on a clean folder, 1 on errors, 2 on usage errors', () => {
    const clean = bin([], workspace('clean'));
    assert.equal(clean.status, 0, clean.stderr);
    assert.match(clean.stdout, /No problems in 1 file/);

    const dir = workspace('two-docs');
    const errors = bin(['--format', 'json'], dir);
    assert.equal(errors.status, 1, errors.stderr);
    const findings = JSON.parse(errors.stdout) as { file: string; ruleId: string }[];
    assert.ok(findings.some((f) => f.file === 'notice.md' && f.ruleId === 'participation-contradiction'));

    const unknown = bin(['--no-such-flag'], dir);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown option '--no-such-flag'/);
    assert.match(unknown.stderr, /Usage: policy-lint/);

    assert.equal(bin(['missing-folder'], dir).status, 2);
    assert.equal(bin(['--help'], dir).status, 0);
  });
});
