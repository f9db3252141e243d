import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanTempDirs, REPO_ROOT, runCli, tempDir } from './helpers';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'secure-communities');

function edit(file: string, from: string, to: string) {
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${file} has no "${from}"`);
  fs.writeFileSync(file, text.replace(from, to));
}

describe('cli: policy-lint diff', () => {
  after(cleanTempDirs);

  it('compares two folders: status changes, new unlabelled clauses, resolved and new contradictions', async () => {
    const dir = tempDir();
    fs.cpSync(EXAMPLE, path.join(dir, 'base'), { recursive: true });
    fs.cpSync(EXAMPLE, path.join(dir, 'head'), { recursive: true });
    edit(path.join(dir, 'head/outreach.md'), 'Participation in Secure Communities is voluntary.', 'Participation in Secure Communities is mandatory.');
    edit(path.join(dir, 'head/guidance.md'), '| Attending quarterly stakeholder calls | Optional |', '| Attending quarterly stakeholder calls | Mandatory |');
    edit(path.join(dir, 'head/agreement.md'), '- [Mandatory] The state must share', '- The state must share');
    edit(path.join(dir, 'head/guidance.md'), 'Receiving immigration status notifications | Optional', 'Receiving immigration status notifications | Mandatory');
    const r = await runCli(['diff', 'base', 'head', '--format', 'json'], dir);
    const report = JSON.parse(r.stdout);
    const clauses = report.clauses.map((c: any) => `${c.file}:${c.line} ${c.before}->${c.after}`);
    assert.ok(clauses.includes('guidance.md:24 optional->mandatory'), clauses.join('\n'));
    assert.ok(clauses.includes('agreement.md:9 mandatory->unlabelled'), clauses.join('\n'));
    const aspects = report.aspects.map((a: any) => `${a.aspect}: ${a.before}->${a.after}`);
    assert.ok(aspects.includes('Secure Communities: contradictory->mandatory'), aspects.join('\n'));
    assert.ok(aspects.includes('Immigration status notifications: optional->contradictory'), aspects.join('\n'));
    const changes = report.contradictions.map((c: any) => `${c.change} ${c.file}:${c.line}`);
    assert.ok(changes.includes('resolved outreach.md:9'), changes.join('\n'));
    assert.ok(changes.some((c: string) => c.startsWith('appeared guidance.md:')), changes.join('\n'));
    assert.equal(r.code, 1, 'a new contradiction fails the check');
  });

  it('compares a git revision with the working tree without touching the repository', async () => {
    const repo = tempDir();
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.email=t@example.gov', '-c', 'user.name=T', ...args], { stdio: 'pipe' });
    fs.cpSync(EXAMPLE, path.join(repo, 'policies'), { recursive: true });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    edit(path.join(repo, 'policies/outreach.md'), 'Jurisdictions should tell', '[Optional] Jurisdictions may tell');
    const before = execFileSync('git', ['-C', repo, 'status', '--porcelain']).toString();
    const r = await runCli(['diff', 'HEAD', '--in', 'policies', '--format', 'markdown'], repo);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /### Participation changes \(HEAD → working tree\)/);
    // The aspect an ambiguous "should" left unclear is now labelled optional.
    assert.match(r.stdout, /\| Secure Communities › tell their ICE field office about staffing changes \| unclear \| optional \|/);
    assert.equal(execFileSync('git', ['-C', repo, 'status', '--porcelain']).toString(), before);
  });

  it('an unknown revision is a usage error naming it', async () => {
    const r = await runCli(['diff', 'no-such-ref-or-folder'], REPO_ROOT);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"no-such-ref-or-folder" is neither a folder nor a git revision/);
  });
});
