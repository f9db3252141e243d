import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../server/src/engine';
import { COMMANDS } from '../../../client/src/commandIds';
import { DEFAULT_DEBOUNCE_MS } from '../../../server/src/lsp/settings';

const ROOT = path.resolve(__dirname, '../../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

describe('extension manifest', () => {
  it('contributes exactly the commands the client registers, each titled and categorised', () => {
    const contributed = contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
    for (const c of contributes.commands) assert.ok(c.title && c.category === 'Policy Lint', c.command);
  });

  it('documents, types and defaults every setting', () => {
    const props = contributes.configuration.properties;
    for (const key of ['policyLint.enable', 'policyLint.files', 'policyLint.configPath', 'policyLint.debounceMs', 'policyLint.rules', 'policyLint.snippetPacks.paths', 'policyLint.trace.server', 'policyLint.docsBaseUrl']) {
      const p = props[key];
      assert.ok(p, key);
      assert.ok(p.type, `${key} has a type`);
      assert.ok('default' in p, `${key} has a default`);
      assert.ok(typeof p.markdownDescription === 'string' && p.markdownDescription.length > 20, `${key} is documented`);
    }
    assert.deepEqual(props['policyLint.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.equal(props['policyLint.debounceMs'].default, DEFAULT_DEBOUNCE_MS, 'the server uses the same default');
  });

  it('offers a severity setting for every rule of the engine, and only those', () => {
    const rules = contributes.configuration.properties['policyLint.rules'];
    assert.deepEqual(Object.keys(rules.properties).sort(), RULES.map((r) => r.id).sort());
    for (const [id, p] of Object.entries<{ enum: string[]; markdownDescription: string }>(rules.properties)) {
      assert.deepEqual(p.enum, ['error', 'warning', 'info', 'hint', 'off'], id);
      assert.ok(p.markdownDescription.includes(RULES.find((r) => r.id === id)!.summary), id);
    }
  });

  it('points every contributed file at something that exists', () => {
    const files = [
      ...contributes.grammars.map((g: { path: string }) => g.path),
      ...contributes.snippets.map((s: { path: string }) => s.path),
      ...contributes.jsonValidation.map((j: { url: string }) => j.url),
      ...contributes.yamlValidation.map((j: { url: string }) => j.url),
      pkg.icon,
    ];
    for (const f of files) assert.ok(fs.existsSync(path.join(ROOT, f)), f);
    assert.equal(pkg.main, './dist/client.js');
  });

  it('validates config files and both kinds of snippet pack', () => {
    const json = Object.fromEntries(contributes.jsonValidation.flatMap((j: { fileMatch: string[]; url: string }) => j.fileMatch.map((m) => [m, j.url])));
    assert.equal(json['.policylintrc.json'], './schemas/policy-lint.schema.json');
    assert.equal(json['policy-lint.config.json'], './schemas/policy-lint.schema.json');
    assert.equal(json['policy-pack.json'], './schemas/snippet-pack.schema.json');
    assert.equal(json['*.policypack.json'], './schemas/snippet-pack.schema.json');
    const yaml = contributes.yamlValidation.flatMap((j: { fileMatch: string[] }) => j.fileMatch);
    assert.deepEqual(yaml.sort(), ['.policylintrc.yaml', '.policylintrc.yml', 'policy-lint.config.yaml', 'policy-lint.config.yml']);
  });

  it('declares limited support for untrusted workspaces, restricting the path settings', () => {
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.deepEqual(trust.restrictedConfigurations.sort(), ['policyLint.configPath', 'policyLint.snippetPacks.paths']);
  });
});
