import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseInWorkers, workerCount } from '../../../server/src/cli/parallel';
import { analyse } from '../../../server/src/cli/lintWorker';
import { defaultConfig } from '../../../server/src/engine';
import { cleanTempDirs, REPO_ROOT, runCli, tempDir } from './helpers';

/** A workspace with agreeing and contradicting documents, term variants, a suppression, a binary and a non-UTF-8 file. */
function mixedWorkspace(): string {
  const dir = tempDir();
  const sources = ['test/fixtures/workspace', 'examples/secure-communities'].map((d) => path.join(REPO_ROOT, d));
  let n = 0;
  for (const src of sources) {
    for (const entry of fs.readdirSync(src, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
      const text = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
      for (let copy = 0; copy < 12; copy++) {
        // Vary the copies so that they state different things about shared aspects.
        const varied = copy % 2 ? text.replace(/\bmay\b/g, 'must').replace(/opt out/g, 'opt-out') : text;
        fs.mkdirSync(path.join(dir, `part-${copy}`), { recursive: true });
        fs.writeFileSync(path.join(dir, `part-${copy}`, `${n}-${entry.name}`), varied);
      }
      n++;
    }
  }
  fs.writeFileSync(path.join(dir, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01]));
  fs.writeFileSync(path.join(dir, 'latin1.md'), Buffer.from([0x53, 0x74, 0x61, 0x74, 0x65, 0x73, 0x20, 0xe9]));
  fs.writeFileSync(path.join(dir, 'suppressed.md'), '<!-- policy-lint-disable-next-line missing-label -- agreed with counsel -->\nStates must share booking data.\n\nCounties must report.\n');
  return dir;
}

describe('CLI on worker threads', () => {
  after(cleanTempDirs);

  it('reports exactly what a run on one thread reports, in every format, with the same exit code', async function () {
    this.timeout(60_000);
    const dir = mixedWorkspace();
    for (const format of ['json', 'sarif', 'stylish']) {
      const serial = await runCli([dir, '--format', format], dir, { env: { POLICY_LINT_WORKERS: '0' } });
      const parallel = await runCli([dir, '--format', format], dir, { env: { POLICY_LINT_WORKERS: '3' } });
      assert.ok(serial.stdout.length > 1000, `the workspace has findings (${format})`);
      assert.equal(parallel.stdout, serial.stdout, format);
      assert.equal(parallel.stderr, serial.stderr, format);
      assert.equal(parallel.code, serial.code, format);
    }
    const json = JSON.parse((await runCli([dir, '--format', 'json'], dir, { env: { POLICY_LINT_WORKERS: '2' } })).stdout);
    const rules = new Set(json.results?.flatMap?.((r: { findings: Array<{ ruleId: string }> }) => r.findings.map((f) => f.ruleId)) ?? JSON.stringify(json).match(/"ruleId":"[^"]+"/g));
    assert.ok([...rules].some((r) => String(r).includes('participation-contradiction')), 'cross-document findings come out of a parallel run');
  });

  it('fixes on worker threads write what a run on one thread writes', async function () {
    this.timeout(60_000);
    const a = mixedWorkspace();
    const b = tempDir();
    fs.cpSync(a, b, { recursive: true });
    await runCli([a, '--fix'], a, { env: { POLICY_LINT_WORKERS: '0' } });
    await runCli([b, '--fix'], b, { env: { POLICY_LINT_WORKERS: '2' } });
    for (const entry of fs.readdirSync(a, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const rel = path.relative(a, path.join(entry.parentPath, entry.name));
      assert.equal(fs.readFileSync(path.join(b, rel), 'latin1'), fs.readFileSync(path.join(a, rel), 'latin1'), rel);
    }
  });

  it('worker threads really take batches, and give what this thread gives for them', async function () {
    this.timeout(60_000);
    const dir = mixedWorkspace();
    const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
    assert.ok(files.length > 72, `enough files for several batches (${files.length})`);
    const resolved = { config: defaultConfig(), registryLocations: new Map() };
    const threaded = await analyseInWorkers(files, resolved, 3);
    assert.ok(threaded.workerBatches >= 1, 'the workers analysed some batches');
    const here = await analyse(resolved, files);
    assert.deepEqual(threaded.results, here.results);
    assert.deepEqual(threaded.ruleFailures, here.ruleFailures);
  });

  it('uses threads only when asked, as many as asked', () => {
    assert.equal(workerCount(5000, {}), 0);
    assert.equal(workerCount(10, { POLICY_LINT_WORKERS: '3' }), 3);
    assert.equal(workerCount(5000, { POLICY_LINT_WORKERS: '0' }), 0);
    assert.equal(workerCount(5000, { POLICY_LINT_WORKERS: '1' }), 0);
    assert.equal(workerCount(5000, { POLICY_LINT_WORKERS: 'lots' }), 0);
    assert.equal(workerCount(5000, { POLICY_LINT_WORKERS: '64' }), 16);
  });
});
