import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project } from '../../../server/src/engine';
import { expandSnippet, readSnippetFile, snippetChoices, type PackSnippet } from '../../../server/src/packs';
import { ROOT } from './helpers';

const FILE = path.join(ROOT, 'snippets/policy.code-snippets');
const text = fs.readFileSync(FILE, 'utf8');

/** Lints a snippet's default expansion as a policy document of its own. */
function lint(s: PackSnippet, body = expandSnippet(s.body, { CURRENT_YEAR: '2030' })) {
  const uri = `file:///snippets/${s.prefixes[0]}.md`;
  const project = new Project();
  project.upsert(uri, body.startsWith('---') ? body : `---\npolicy: true\n---\n${body}`);
  return { findings: project.findings(uri), model: project.model(uri)! };
}

describe('built-in guidance snippets', () => {
  const { snippets, problems } = readSnippetFile(text, FILE);

  it('is strict JSON that VS Code and the pack validator accept', () => {
    assert.doesNotThrow(() => JSON.parse(text));
    assert.deepEqual(problems, []);
    assert.ok(snippets.length >= 12);
  });

  it('has every standard guidance snippet, each prefixed policy-', () => {
    const prefixes = snippets.flatMap((s) => s.prefixes);
    for (const p of ['policy-intent', 'policy-mandatory', 'policy-optional', 'policy-optout', 'policy-summary-table', 'policy-roles', 'policy-oversight', 'policy-outreach', 'policy-inquiry-response', 'policy-lessons', 'policy-recommendation', 'policy-guidance-doc']) {
      assert.ok(prefixes.includes(p), `missing ${p}`);
    }
    for (const s of snippets) {
      assert.ok(s.prefixes.every((p) => /^policy-[a-z-]+$/.test(p)), `${s.name}: ${s.prefixes}`);
      assert.ok(s.description && s.description.length > 20, `${s.name} has a description`);
      assert.match(s.body, /\$\{?[1-9]/, `${s.name} has tab stops`);
    }
    assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
  });

  it('offers a Mandatory/Optional choice where the author decides the status', () => {
    for (const prefix of ['policy-summary-table', 'policy-roles']) {
      const s = snippets.find((x) => x.prefixes.includes(prefix))!;
      assert.ok(snippetChoices(s.body).some((c) => c.includes('Mandatory') && c.includes('Optional')), prefix);
    }
  });

  it('labels every normative clause: the default text has no missing-label or label-conflict finding', () => {
    for (const s of snippets) {
      const { findings } = lint(s);
      const bad = findings.filter((f) => f.ruleId === 'missing-label' || f.ruleId === 'label-conflict');
      assert.deepEqual(bad.map((f) => `${f.ruleId}: ${f.message}`), [], s.name);
    }
  });

  it('does state requirements: the clause snippets hold labelled normative clauses the engine reads', () => {
    for (const prefix of ['policy-mandatory', 'policy-optional', 'policy-optout', 'policy-roles', 'policy-oversight', 'policy-inquiry-response', 'policy-guidance-doc']) {
      const s = snippets.find((x) => x.prefixes.includes(prefix))!;
      const normative = lint(s).model.clauses.filter((c) => c.primary);
      assert.ok(normative.length > 0 && normative.every((c) => c.label), `${prefix}: ${normative.map((c) => c.text.trim()).join(' | ')}`);
    }
  });

  it('the check would catch an unlabelled clause (control)', () => {
    const s = snippets.find((x) => x.prefixes.includes('policy-mandatory'))!;
    const unlabelled = expandSnippet(s.body).replace('## Mandatory aspects', '## Requirements').replace(/\[Mandatory\] /g, '');
    assert.ok(lint(s, unlabelled).findings.some((f) => f.ruleId === 'missing-label'));
  });

  it('the guidance document skeleton has every section of the guidance template', () => {
    const s = snippets.find((x) => x.prefixes.includes('policy-guidance-doc'))!;
    const { findings, model } = lint(s);
    assert.equal(model.frontMatter.template, 'guidance');
    assert.equal(model.frontMatter.policy, true);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'missing-section'), []);
    assert.deepEqual(model.sections.map((x) => x.title).slice(1), ['Intent', 'Mandatory aspects', 'Optional aspects', 'Opt-out procedure', 'Oversight', 'Lessons learned']);
  });
});
