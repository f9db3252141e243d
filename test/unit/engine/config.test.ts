import * as assert from 'node:assert/strict';
import { defaultConfig, loadConfig, Project } from '../../../server/src/engine';

describe('config loading', () => {
  it('reads YAML and JSON, merging over the defaults', () => {
    const yaml = loadConfig('labels:\n  mandatory: [Required]\nrules:\n  missing-label: error\n', 'file:///r/.policylintrc.yaml');
    assert.deepEqual(yaml.problems, []);
    assert.deepEqual(yaml.resolved.config.labels.mandatory, ['Required']);
    assert.deepEqual(yaml.resolved.config.labels.optional, defaultConfig().labels.optional);
    assert.equal(yaml.resolved.config.rules['missing-label'].severity, 'error');
    const json = loadConfig('{ "rules": { "term-variant": { "severity": "off" } } }', 'file:///r/.policylintrc.json');
    assert.deepEqual(json.problems, []);
    assert.equal(json.resolved.config.rules['term-variant'].severity, 'off');
  });

  it('names the file, line and key of a bad value and falls back to the default for it', () => {
    const text = 'labels:\n  mandatory: [Required]\nrules:\n  missing-label: loud\n  no-such-rule: error\nparticipants: 7\n';
    const { resolved, problems } = loadConfig(text, 'cfg.yaml');
    const messages = problems.map((p) => p.message);
    assert.equal(problems.length, 3, messages.join('\n'));
    const severity = problems.find((p) => p.key === 'rules.missing-label')!;
    assert.equal(severity.range?.start.line, 3);
    assert.match(severity.message, /^cfg\.yaml:4: `rules\.missing-label`/);
    const unknown = problems.find((p) => p.key === 'rules.no-such-rule')!;
    assert.match(unknown.message, /cfg\.yaml:5: .*not a known setting/);
    assert.ok(problems.some((p) => p.key === 'participants' && /cfg\.yaml:6/.test(p.message)));
    assert.deepEqual(resolved.config.labels.mandatory, ['Required'], 'valid keys are kept');
    assert.deepEqual(resolved.config.participants, defaultConfig().participants, 'the bad key falls back');
    assert.equal(resolved.config.rules['missing-label'], undefined);
  });

  it('reports unparseable text with its line and uses the defaults', () => {
    const { resolved, problems } = loadConfig('rules:\n  missing-label: [error\n', 'bad.yaml');
    assert.ok(problems.length >= 1);
    assert.equal(problems[0].severity, 'error');
    assert.match(problems[0].message, /^bad\.yaml:\d+: not valid JSON or YAML/);
    assert.deepEqual(resolved.config, defaultConfig());
  });

  it('rejects a config that is not an object', () => {
    const { problems } = loadConfig('- a\n- b\n', 'list.yaml');
    assert.match(problems[0].message, /must be an object/);
  });

  it('records where registry entries are declared, for related locations', () => {
    const text = 'programs:\n  - name: Secure Communities\n    status: mandatory\n    aspects:\n      - name: Notifications\n        status: optional\n';
    const { resolved, problems } = loadConfig(text, 'file:///r/.policylintrc.yaml');
    assert.deepEqual(problems, []);
    assert.equal(resolved.registryLocations.get('programs[0]')?.range.start.line, 1);
    assert.equal(resolved.registryLocations.get('programs[0].aspects[0]')?.range.start.line, 4);
    const project = new Project(resolved);
    project.upsert('file:///r/a.md', '# Outreach\n\nSecure Communities is optional for counties.\n');
    const f = project.findings('file:///r/a.md').find((x) => x.ruleId === 'participation-contradiction');
    assert.ok(f, 'a statement contradicting the registry is flagged');
    assert.equal(f.related[0].uri, 'file:///r/.policylintrc.yaml');
    assert.equal(f.related[0].range.start.line, 1);
  });

  it('user words never reach a RegExp unescaped', () => {
    const { resolved } = loadConfig('participants: ["(a+)+$", "st.te"]\nlabels:\n  mandatory: ["M(a"]\n', 'x.yaml');
    const project = new Project(resolved);
    const text = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! must\n\nState must go. st.te must go. [M(a] st.te must.\n';
    project.upsert('file:///x.md', text);
    const ids = project.findings('file:///x.md').map((f) => `${f.range.start.line}:${f.ruleId}`);
    assert.deepEqual(ids, ['2:missing-label']);
  });
});
