import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { Project, type ResolvedConfig } from '../../../server/src/engine';
import type { JsonFinding } from '../../../server/src/cli/formatters/json';
import { cleanTempDirs, runCli, workspace } from './helpers';

const findingsOf = (stdout: string) => JSON.parse(stdout) as JsonFinding[];

describe('cli: configuration and bad input', () => {
  after(cleanTempDirs);

  it('a bad config key is a warning with file:line and key; the run goes on with the default', async () => {
    const r = await runCli(['-f', 'json'], workspace('bad-config'));
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^\.policylintrc\.json:3:5: warning: `rules\.missing-label` must be one of "error", "warning", "info", "hint", "off"/m);
    assert.match(r.stderr, /^\.policylintrc\.json:5:3: warning: `colour` is not a known setting/m);
    // missing-label keeps its default severity.
    assert.deepEqual(findingsOf(r.stdout).map((f) => [f.ruleId, f.severity]), [['missing-label', 'warning']]);
  });

  it('uses the nearest config above the working folder, and --config over it', async () => {
    const dir = workspace('warnings-only');
    fs.writeFileSync(path.join(dir, '.policylintrc.yaml'), 'rules:\n  missing-label: error\n');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.renameSync(path.join(dir, 'policy.md'), path.join(dir, 'sub', 'policy.md'));
    const nearest = await runCli(['-f', 'json'], path.join(dir, 'sub'));
    assert.equal(nearest.code, 1);
    assert.equal(findingsOf(nearest.stdout)[0].severity, 'error');
    fs.writeFileSync(path.join(dir, 'other.json'), '{ "rules": { "missing-label": "info" } }');
    const named = await runCli(['-f', 'json', '--config', '../other.json'], path.join(dir, 'sub'));
    assert.equal(named.code, 0);
    assert.equal(findingsOf(named.stdout)[0].severity, 'info');
  });

  it('include and exclude globs of the config choose the files of a folder', async () => {
    const dir = workspace('two-docs');
    fs.writeFileSync(path.join(dir, '.policylintrc.json'), '{ "include": ["**/*.md", "**/*.markdown"], "exclude": ["notice.md"] }');
    fs.writeFileSync(path.join(dir, 'extra.markdown'), 'Agencies should publish an annual report.\n');
    const files = new Set(findingsOf((await runCli(['-f', 'json'], dir)).stdout).map((f) => f.file));
    assert.deepEqual([...files].sort(), ['extra.markdown', 'guidance.md']);
  });

  for (const [name, content, pattern] of [
    ['not JSON or YAML', '{ "rules": { "missing-label": ', /not valid JSON or YAML/],
    ['not an object', '- a\n- b\n', /must be an object of settings/],
  ] as const) {
    it(`an explicit --config that is ${name} is a configuration error (exit 2)`, async () => {
      const dir = workspace('warnings-only');
      fs.writeFileSync(path.join(dir, 'broken.yaml'), content);
      const r = await runCli(['--config', 'broken.yaml'], dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /broken\.yaml:1:\d+: error: /);
      assert.match(r.stderr, pattern);
      assert.match(r.stderr, /--config broken\.yaml: the configuration cannot be used/);
      assert.equal(r.stdout, '');
    });
  }

  it('an explicit --config that does not exist is a configuration error (exit 2)', async () => {
    const r = await runCli(['--config', 'nowhere.json'], workspace('warnings-only'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--config nowhere\.json: no such file/);
  });

  it('a broken config found by search is reported and the defaults are used (not exit 2)', async () => {
    const dir = workspace('warnings-only');
    fs.writeFileSync(path.join(dir, '.policylintrc.json'), '{ "rules": ');
    const r = await runCli(['-f', 'json'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /\.policylintrc\.json:1:\d+: error: not valid JSON or YAML/);
    assert.equal(findingsOf(r.stdout).length, 1);
  });

  it('front-matter problems are printed with file:line', async () => {
    const r = await runCli([], workspace('front-matter'));
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^policy\.md:3:3: warning: Front matter `program` should be a single name\./m);
    assert.match(r.stderr, /^policy\.md:5:9: warning: Front matter `policy` should be true or false\./m);
  });

  it('a binary or non-UTF-8 file is skipped with a warning naming it; the other files are linted', async () => {
    const dir = workspace('two-docs');
    fs.writeFileSync(path.join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    fs.writeFileSync(path.join(dir, 'latin1.md'), Buffer.from('Agencies should pay the caf\xe9.\n', 'latin1'));
    const r = await runCli(['-f', 'json'], dir);
    assert.match(r.stderr, /^image\.md: warning: skipped: the file looks binary \(it contains NUL bytes\)\./m);
    assert.match(r.stderr, /^latin1\.md: warning: skipped: the file is not valid UTF-8\./m);
    const files = new Set(findingsOf(r.stdout).map((f) => f.file));
    assert.deepEqual([...files].sort(), ['guidance.md', 'notice.md']);
    assert.equal(r.code, 1, 'exit code from the findings, not 2');
  });

  it('a document whose analysis throws is reported; the rest are linted (exit 1)', async () => {
    const dir = workspace('two-docs');
    class FailingProject extends Project {
      override upsert(uri: string, text: string) {
        if (uri.endsWith('/notice.md')) throw new Error('boom');
        return super.upsert(uri, text);
      }
    }
    const r = await runCli(['-f', 'json', '--rule', 'participation-contradiction=off'], dir, { createProject: (c: ResolvedConfig) => new FailingProject(c) });
    assert.match(r.stderr, /^notice\.md: error: could not be analysed: boom$/m);
    const findings = findingsOf(r.stdout);
    assert.ok(findings.length > 0);
    assert.ok(findings.every((f) => f.file === 'guidance.md'));
    assert.equal(r.code, 1, 'no error finding, but a file went unchecked');
    const sarif = await runCli(['-f', 'sarif'], dir, { createProject: (c: ResolvedConfig) => new FailingProject(c) });
    const invocation = (JSON.parse(sarif.stdout) as Sarif.Log).runs[0].invocations![0];
    assert.equal(invocation.executionSuccessful, false);
    assert.ok(invocation.toolExecutionNotifications!.some((n) => n.level === 'error' && /boom/.test(n.message.text!)));
  });
});

describe('cli: exit codes and filters', () => {
  after(cleanTempDirs);

  it('0 without errors, 1 with errors', async () => {
    assert.equal((await runCli([], workspace('clean'))).code, 0);
    assert.equal((await runCli([], workspace('warnings-only'))).code, 0);
    assert.equal((await runCli([], workspace('two-docs'))).code, 1);
  });

  it('--max-warnings N fails the run when warnings exceed N', async () => {
    const dir = workspace('fixable');
    assert.equal((await runCli(['--max-warnings', '3'], dir)).code, 0);
    const r = await runCli(['--max-warnings', '2'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /3 warnings, more than --max-warnings 2/);
  });

  it('--rule ID=SEVERITY overrides the config; off removes the rule', async () => {
    const dir = workspace('two-docs');
    const r = await runCli(['-f', 'json', '--rule', 'participation-contradiction=off', '--rule', 'term-variant=error'], dir);
    const findings = findingsOf(r.stdout);
    assert.ok(!findings.some((f) => f.ruleId === 'participation-contradiction'));
    assert.deepEqual(findings.filter((f) => f.ruleId === 'term-variant').map((f) => f.severity), ['error']);
    assert.equal(r.code, 1);
    assert.equal((await runCli(['--rule', 'participation-contradiction=warning'], dir)).code, 0);
  });

  it('--quiet reports errors only', async () => {
    const r = await runCli(['-q', '-f', 'json'], workspace('two-docs'));
    const findings = findingsOf(r.stdout);
    assert.equal(findings.length, 2);
    assert.ok(findings.every((f) => f.severity === 'error'));
    assert.equal(r.code, 1);
  });
});
