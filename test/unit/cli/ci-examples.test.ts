import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { cleanTempDirs, REPO_ROOT, tempDir } from './helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'secure-communities');

/** `npx policy-lint …` in an example, run against the built CLI. */
function npxToNode(command: string): string[] {
  const m = /npx (?:--no-install )?policy-lint (.*)$/.exec(command);
  assert.ok(m, command);
  return m[1].match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ''));
}

describe('CI examples (docs/ci)', () => {
  after(cleanTempDirs);

  it('the GitHub Actions workflow writes valid SARIF and a participation diff with the commands it shows', () => {
    const workflow = parse(fs.readFileSync(path.join(REPO_ROOT, 'docs/ci/github-actions.yml'), 'utf8'));
    const steps: Array<{ run?: string; uses?: string; with?: Record<string, string> }> = workflow.jobs.lint.steps;
    const sarifStep = steps.find((s) => s.run?.includes('--format sarif'))!;
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    const repo = tempDir();
    fs.cpSync(EXAMPLE, path.join(repo, 'policies'), { recursive: true });
    const args = npxToNode(sarifStep.run!);
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr); // the example has errors; the step continues on error
    const sarif = JSON.parse(fs.readFileSync(path.join(repo, upload.with!.sarif_file), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length > 0);
    assert.ok(sarif.runs[0].results.every((x: any) => x.partialFingerprints?.['policyLint/v1']));

    const diffStep = steps.find((s) => s.run?.includes('policy-lint diff'))!;
    const git = (...a: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.email=ci@example.gov', '-c', 'user.name=CI', ...a], { stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', 'policies');
    git('commit', '-qm', 'base');
    const diffArgs = npxToNode(diffStep.run!.replace(/\s*>>.*$/, '')).map((a) => a.replace('origin/${{ github.base_ref }}', 'main'));
    const d = spawnSync(process.execPath, [CLI, ...diffArgs], { cwd: repo, encoding: 'utf8' });
    assert.equal(d.status, 0, d.stderr);
    assert.match(d.stdout, /### Participation changes \(main → working tree\)/);
  });

  it('the pre-commit hook lints staged Markdown and blocks a commit with errors', () => {
    const repo = tempDir();
    const env = { ...process.env, PATH: `${path.join(REPO_ROOT, 'node_modules', '.bin')}:${process.env.PATH}` };
    const git = (...a: string[]) => spawnSync('git', ['-C', repo, '-c', 'user.email=t@example.gov', '-c', 'user.name=T', ...a], { encoding: 'utf8', env });
    git('init', '-q');
    // The hook calls `npx --no-install policy-lint`; make the built CLI resolvable from the repo.
    fs.mkdirSync(path.join(repo, 'node_modules', '.bin'), { recursive: true });
    fs.symlinkSync(CLI, path.join(repo, 'node_modules', '.bin', 'policy-lint'));
    fs.copyFileSync(path.join(REPO_ROOT, 'docs/ci/pre-commit.sh'), path.join(repo, '.git/hooks/pre-commit'));
    fs.chmodSync(path.join(repo, '.git/hooks/pre-commit'), 0o755);
    fs.writeFileSync(path.join(repo, 'ok.md'), '# Guidance\n\n[Mandatory] States must report.\n');
    git('add', 'ok.md');
    assert.equal(git('commit', '-qm', 'ok').status, 0);
    fs.writeFileSync(path.join(repo, 'bad.md'), '# Guidance\n\n[Optional] States must report quarterly.\n');
    git('add', 'bad.md');
    const blocked = git('commit', '-qm', 'bad');
    assert.notEqual(blocked.status, 0, 'a label-conflict error blocks the commit');
    assert.match(blocked.stdout + blocked.stderr, /label-conflict/);
  });
});
