import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import type * as Sarif from 'sarif';
import { RULES, ruleDocUrl } from '../../../server/src/engine';
import type { JsonFinding } from '../../../server/src/cli/formatters/json';
import { cleanTempDirs, REPO_ROOT, runCli, workspace } from './helpers';

// The SARIF 2.1.0 schema as shipped by Microsoft's SARIF SDK (a JSON Schema draft-04 document).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;

function sarifValidator() {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    // The schema's language-tag pattern is not valid with the `u` flag.
    unicodeRegExp: false,
    formats: {
      uri: (s: string) => URL.canParse(s),
      'uri-reference': (s: string) => URL.canParse(s, 'file:///base/'),
      'date-time': (s: string) => !Number.isNaN(Date.parse(s)),
    },
  });
  return ajv.compile(sarifSchema);
}

describe('cli: report formats', () => {
  after(cleanTempDirs);

  it('json: a stable array with relative paths, 1-based positions, related locations, fixes and fingerprints', async () => {
    const dir = workspace('two-docs');
    const r = await runCli(['--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    assert.ok(Array.isArray(findings));
    for (const f of findings) {
      assert.deepEqual(Object.keys(f), ['file', 'ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'related', 'fixes', 'fingerprint']);
      assert.ok(f.line >= 1 && f.column >= 1 && f.endLine >= f.line);
      assert.match(f.fingerprint, /^[0-9a-f]+$/);
    }
    const byRule = (file: string, ruleId: string) => findings.filter((f) => f.file === file && f.ruleId === ruleId);

    // The cross-file contradiction is reported on both sides, each naming the other file.
    const [inGuidance] = byRule('guidance.md', 'participation-contradiction');
    assert.equal(inGuidance.severity, 'error');
    assert.equal(inGuidance.line, 12);
    assert.equal(inGuidance.column, 1);
    assert.match(inGuidance.message, /notice\.md:1/);
    assert.deepEqual(inGuidance.related.map((x) => [x.file, x.line, x.column]), [['notice.md', 1, 1]]);
    assert.match(inGuidance.related[0].message, /mandatory/i);
    const [inNotice] = byRule('notice.md', 'participation-contradiction');
    assert.deepEqual(inNotice.related.map((x) => [x.file, x.line]), [['guidance.md', 12]]);

    const [variant] = byRule('guidance.md', 'term-variant');
    assert.deepEqual([variant.line, variant.column, variant.endLine, variant.endColumn], [14, 12, 14, 19], '"opt-out" is columns 12-18');
    assert.deepEqual(variant.fixes, [{ title: 'Write "opt out"', safe: true }]);
    assert.deepEqual(variant.related.map((x) => x.file), ['notice.md']);

    // Sorted by file, then position.
    const order = findings.map((f) => `${f.file}:${String(f.line).padStart(4, '0')}`);
    assert.deepEqual(order, [...order].sort());
    // Same input, same output.
    assert.equal((await runCli(['--format', 'json'], dir)).stdout, r.stdout);
  });

  it('stylish: grouped by file, line:col severity message rule, a summary with counts by severity', async () => {
    const r = await runCli([], workspace('two-docs'));
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'guidance.md');
    assert.match(lines[1], /^ {2}8:1 +warning +"should" .* +missing-label$/);
    const notice = lines.indexOf('notice.md');
    assert.ok(notice > 1, 'second file group');
    assert.match(lines[notice + 1], /^ {2}1:1 +error +"Secure Communities" is mandatory here but optional at guidance\.md:12\..* +participation-contradiction$/);
    assert.match(lines[notice + 2], /↳ guidance\.md:12:1 +Described as optional/);
    assert.match(r.stdout, /✖ 4 problems \(2 errors, 2 warnings\) in 2 files/);
    assert.match(r.stdout, /1 problem fixable with --fix/);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colours when stdout is not a terminal');
  });

  it('stylish: colours only on a terminal with NO_COLOR unset', async () => {
    const dir = workspace('two-docs');
    assert.match((await runCli([], dir, { tty: true, env: {} })).stdout, /\u001b\[31merror/);
    assert.doesNotMatch((await runCli([], dir, { tty: true, env: { NO_COLOR: '1' } })).stdout, /\u001b\[/);
    assert.doesNotMatch((await runCli(['-o', 'report.txt'], dir, { tty: true, env: {} })).stdout, /\u001b\[/);
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8'), /\u001b\[/, 'no colours in a report file');
  });

  it('stylish: says so when there is nothing to report', async () => {
    const r = await runCli([], workspace('clean'));
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '✔ No problems in 1 file.\n');
  });

  it('sarif: valid against the SARIF 2.1.0 schema, with rules, related locations and fingerprints', async () => {
    const dir = workspace('two-docs');
    const r = await runCli(['--format', 'sarif'], dir);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));

    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const driver = run.tool.driver;
    assert.equal(driver.name, 'policy-lint');
    assert.equal(driver.version, pkg.version);
    assert.ok(driver.informationUri && URL.canParse(driver.informationUri));
    assert.deepEqual(driver.rules?.map((x) => x.id), RULES.map((x) => x.id));
    for (const [i, rule] of RULES.entries()) {
      const d: Sarif.ReportingDescriptor = driver.rules![i];
      assert.equal(d.helpUri, ruleDocUrl(rule.id));
      assert.equal(d.shortDescription?.text, rule.summary);
      assert.equal(d.fullDescription?.text, rule.docs.why);
      assert.equal(d.defaultConfiguration?.level, { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[rule.defaultSeverity]);
      assert.equal(d.properties?.category, rule.category);
    }
    assert.equal(run.originalUriBaseIds?.SRCROOT?.uri, `${pathToFileURL(dir).href}/`);
    assert.equal(run.columnKind, 'utf16CodeUnits');

    const results = run.results!;
    assert.equal(results.length, 4);
    for (const res of results) {
      assert.equal(driver.rules![res.ruleIndex!].id, res.ruleId, 'ruleIndex points at the rule');
      assert.match(res.partialFingerprints!['policyLint/v1'], /^[0-9a-f]+$/);
      const loc = res.locations![0].physicalLocation!;
      assert.equal(loc.artifactLocation!.uriBaseId, 'SRCROOT');
      assert.ok(!loc.artifactLocation!.uri!.startsWith('/'));
    }
    const contradiction = results.find((x) => x.ruleId === 'participation-contradiction' && x.locations![0].physicalLocation!.artifactLocation!.uri === 'guidance.md')!;
    assert.equal(contradiction.level, 'error');
    assert.deepEqual(contradiction.locations![0].physicalLocation!.region, { startLine: 12, startColumn: 1, endLine: 12, endColumn: contradiction.locations![0].physicalLocation!.region!.endColumn });
    assert.equal(contradiction.relatedLocations!.length, 1);
    const related = contradiction.relatedLocations![0];
    assert.equal(related.id, 1);
    assert.match(related.message!.text!, /mandatory/i);
    assert.deepEqual(related.physicalLocation!.artifactLocation, { uri: 'notice.md', uriBaseId: 'SRCROOT' });
    assert.equal(related.physicalLocation!.region!.startLine, 1);

    const variant = results.find((x) => x.ruleId === 'term-variant')!;
    assert.equal(variant.level, 'warning');
    assert.deepEqual(variant.locations![0].physicalLocation!.region, { startLine: 14, startColumn: 12, endLine: 14, endColumn: 19 });
    const replacement = variant.fixes![0].artifactChanges[0].replacements[0];
    assert.equal(replacement.insertedContent?.text, 'opt out');
    assert.deepEqual(replacement.deletedRegion, { startLine: 14, startColumn: 12, endLine: 14, endColumn: 19 });

    // The JSON report's fingerprints are the same ones.
    const json = JSON.parse((await runCli(['--format', 'json'], dir)).stdout) as JsonFinding[];
    assert.deepEqual(results.map((x) => x.partialFingerprints!['policyLint/v1']).sort(), json.map((f) => f.fingerprint).sort());
  });

  it('sarif: config problems and skipped files become notifications; the log stays valid', async () => {
    const dir = workspace('bad-config');
    fs.writeFileSync(path.join(dir, 'blob.md'), Buffer.from([0x23, 0x00, 0x01]));
    const r = await runCli(['--format', 'sarif'], dir);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const inv = log.runs[0].invocations![0];
    assert.equal(inv.executionSuccessful, true, 'a skipped file is not a failed run');
    const config = inv.toolConfigurationNotifications!;
    assert.ok(config.some((n) => /colour/.test(n.message.text!) && n.locations![0].physicalLocation!.region!.startLine === 5));
    assert.ok(inv.toolExecutionNotifications!.some((n) => /Skipped/.test(n.message.text!) && n.locations![0].physicalLocation!.artifactLocation!.uri === 'blob.md'));
  });

  it('--output writes the report to a file and nothing to stdout', async () => {
    const dir = workspace('two-docs');
    const r = await runCli(['-f', 'json', '-o', 'reports/lint.json'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const findings = JSON.parse(fs.readFileSync(path.join(dir, 'reports', 'lint.json'), 'utf8')) as JsonFinding[];
    assert.equal(findings.length, 4);
  });
});
