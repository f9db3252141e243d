import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanTempDirs, REPO_ROOT, runCli, tempDir } from './helpers';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'secure-communities');

describe('cli: policy-lint summary', () => {
  after(cleanTempDirs);

  it('json: every aspect with its status and each place it is stated, the registry included', async () => {
    const r = await runCli(['summary', '--format', 'json', '.'], EXAMPLE);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as Array<{ program: string; aspect: string; status: string; declared: string | null; locations: Array<{ file: string; line: number; status: string }> }>;
    const byAspect = new Map(rows.map((x) => [x.aspect, x]));
    const sharing = byAspect.get('Fingerprint sharing')!;
    assert.equal(sharing.status, 'contradictory');
    assert.equal(sharing.declared, 'mandatory');
    assert.deepEqual(
      sharing.locations.map((l) => `${l.file}:${l.line}:${l.status}`),
      ['.policylintrc.yaml:12:mandatory', 'agreement.md:9:mandatory', 'guidance.md:16:mandatory', 'outreach.md:10:optional'],
    );
    assert.equal(byAspect.get('Immigration status notifications')!.status, 'optional');
    assert.equal(byAspect.get('keep a log of detainers')!.status, 'unclear');
    assert.ok(rows.every((x) => x.program === 'Secure Communities'));
  });

  it('markdown groups by program and links each statement; csv has one row per statement', async () => {
    const md = await runCli(['summary', '.'], EXAMPLE);
    assert.match(md.stdout, /^# Participation summary/);
    assert.match(md.stdout, /## Secure Communities/);
    assert.match(md.stdout, /\| Fingerprint sharing \| \*\*Contradictory\*\* \(declared mandatory\) \| .*\[outreach\.md:10\]\(outreach\.md#L10\) \(optional\)/);
    const csv = await runCli(['summary', '--format', 'csv', '.'], EXAMPLE);
    const lines = csv.stdout.trim().split('\n');
    assert.equal(lines[0], 'program,aspect,status,declared,file,line,stated_status,evidence,text');
    assert.ok(lines.includes('Secure Communities,Fingerprint sharing,contradictory,mandatory,outreach.md,10,optional,wording,fingerprint sharing'));
  });

  it('html: a matrix that colours the contradiction', async () => {
    const dir = tempDir();
    const r = await runCli(['summary', '--format', 'html', '--output', path.join(dir, 'summary.html'), '.'], EXAMPLE);
    assert.equal(r.code, 0, r.stderr);
    const html = fs.readFileSync(path.join(dir, 'summary.html'), 'utf8');
    assert.match(html, /<td class="status contradictory">Contradictory<\/td>/);
    assert.match(html, /<td class="optional" title="outreach\.md:10 optional: fingerprint sharing">O<\/td>/);
  });

  it('--fail-on-contradiction exits 1 when an aspect is contradictory; bad format exits 2', async () => {
    assert.equal((await runCli(['summary', '--fail-on-contradiction', '.'], EXAMPLE)).code, 1);
    const bad = await runCli(['summary', '--format', 'pdf', '.'], EXAMPLE);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be one of markdown, csv, json, html/);
  });
});
