import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { Project, loadConfig, RULES } from '../../../server/src/engine';
import { checkFindingRanges, checkRange, lspLines } from './support/invariants';
import { policyDoc } from './support/markdown';
import { checkProperty } from './support/runProperty';

const CONFIG = 'file:///w/.policylintrc.yaml';
const DOC = 'file:///w/policies/doc.md';

/** Values that are sometimes right for a setting and often subtly wrong. */
const value = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', '(', '[a-', '\\', '.*', 'states', 'opt out', 'Mandatory', '-', '\u0000')), { maxLength: 5 }),
  fc.constantFrom('error', 'warning', 'off', 'loud', null, 0, true),
);
const rules = fc.dictionary(fc.constantFrom(...RULES.map((r) => r.id), 'no-such-rule'), fc.oneof(value, fc.record({ severity: value, options: fc.dictionary(fc.constantFrom('flagPermissions', 'x'), value) }, { requiredKeys: [] })));
const terms = fc.array(fc.record({ preferred: value, variants: value, meaning: value }, { requiredKeys: [] }), { maxLength: 3 });
const programs = fc.array(fc.record({ name: value, status: fc.oneof(value, fc.constantFrom('mandatory', 'optional')), aliases: value, aspects: fc.array(fc.record({ name: value, status: fc.constantFrom('mandatory', 'optional', 'x'), aliases: value }, { requiredKeys: [] }), { maxLength: 2 }) }, { requiredKeys: [] }), { maxLength: 2 });
const configObject = fc.record(
  {
    labels: fc.oneof(value, fc.record({ mandatory: value, optional: value }, { requiredKeys: [] })),
    participants: value, issuers: value, informativeSections: value, participationColumns: value,
    terms: fc.oneof(value, terms), templates: fc.oneof(value, fc.dictionary(fc.string({ maxLength: 8 }), fc.record({ sections: fc.array(fc.record({ name: value, aliases: value }, { requiredKeys: [] }), { maxLength: 3 }) }, { requiredKeys: [] }))),
    defaultTemplate: value, rules, include: value, exclude: value, programs: fc.oneof(value, programs), unknownKey: value,
  },
  { requiredKeys: [] },
);
const configText = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(configObject, fc.boolean()).map(([o, json]) => (json ? JSON.stringify(o, null, 2) ?? '' : safeYaml(o))) },
  { weight: 1, arbitrary: fc.anything().map((v) => safeYaml(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom('{', 'a: [', '- 1\n- 2', 'rules:\n  missing-label: loud\n  missing-label: off\n', '\uFEFF{}', '&a [*a]', 'x: !!binary zz', '%YAML 9\n---\n{}') },
);

function safeYaml(v: unknown): string {
  try {
    return toYaml(v) ?? ''; // undefined for an undefined value
  } catch {
    return String(v);
  }
}

describe('robustness: configuration', () => {
  it('loadConfig never throws, names the file and a line in every problem, and returns a config a project can use', async () => {
    await checkProperty(
      'arbitrary config values: usable config, problems with file:line',
      fc.property(configText, policyDoc, (text, doc) => {
        const { resolved, problems } = loadConfig(text, CONFIG);
        const lines = lspLines(text);
        for (const p of problems) {
          assert.equal(p.source, CONFIG);
          assert.match(p.message, new RegExp(`^${CONFIG.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: `), p.message);
          if (p.range) checkRange(p.range, lines, `problem "${p.message}"`);
        }
        const project = new Project(resolved);
        project.upsert(DOC, doc.text);
        const findings = project.findings(DOC);
        assert.equal(project.ruleErrors.length, 0, `rule ${project.ruleErrors[0]?.ruleId} threw with this config: ${String(project.ruleErrors[0]?.error)}`);
        for (const f of findings) checkFindingRanges(f, new Map([[DOC, doc.text]]));
      }),
      200,
    );
  });
});
