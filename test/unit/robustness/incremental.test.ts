import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Project, RULES, type Finding } from '../../../server/src/engine';
import { findingSet, projectFindings } from './support/invariants';
import { applyEdit, edit, paragraph, policyDoc, type Edit } from './support/markdown';
import { checkProperty } from './support/runProperty';

const URIS = ['file:///w/policies/a.md', 'file:///w/policies/b.md', 'file:///w/policies/c.md'];

type Op = { kind: 'replace'; doc: number; text: string } | { kind: 'edit'; doc: number; edit: Edit } | { kind: 'remove'; doc: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace' as const), doc: fc.nat(URIS.length - 1), text: policyDoc.map((d) => d.text) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), doc: fc.nat(URIS.length - 1), edit }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), doc: fc.nat(URIS.length - 1) }) },
);

/** A project built in one go from the given texts, in the given order. */
function fresh(texts: Map<string, string>, order: string[]): Project {
  const p = new Project();
  for (const u of order) p.upsert(u, texts.get(u)!);
  return p;
}

describe('robustness: incremental analysis', () => {
  it('a project updated edit by edit (chunks reused) reports exactly what a fresh project (whole parse) reports for the final texts', async () => {
    await checkProperty(
      'incremental upsert/remove = from scratch',
      fc.property(fc.array(policyDoc, { minLength: 1, maxLength: 3 }), fc.array(op, { maxLength: 12 }), (docs, ops) => {
        const project = new Project();
        const texts = new Map<string, string>();
        docs.forEach((d, i) => {
          project.upsert(URIS[i], d.text, { editing: true });
          texts.set(URIS[i], d.text);
        });
        for (const o of ops) {
          const uri = URIS[o.doc];
          if (o.kind === 'remove') {
            project.remove(uri);
            texts.delete(uri);
            continue;
          }
          const text = o.kind === 'replace' ? o.text : applyEdit(texts.get(uri) ?? '', o.edit);
          project.upsert(uri, text, { editing: true }); // chunks reused; the fresh project parses whole
          texts.set(uri, text);
        }
        const scratch = fresh(texts, project.uris());
        assert.deepEqual(projectFindings(project), projectFindings(scratch));
        assert.equal(project.ruleErrors.length, 0, String(project.ruleErrors[0]?.error));
      }),
      150,
    );
  });

  it('documents not named as affected by an update keep their findings', async () => {
    await checkProperty(
      'upsert/remove: unaffected documents unchanged',
      fc.property(fc.array(policyDoc, { minLength: 2, maxLength: 3 }), fc.array(op, { minLength: 1, maxLength: 8 }), (docs, ops) => {
        const project = new Project();
        const texts = new Map<string, string>();
        docs.forEach((d, i) => {
          project.upsert(URIS[i], d.text);
          texts.set(URIS[i], d.text);
        });
        for (const o of ops) {
          const uri = URIS[o.doc];
          const before = projectFindings(project);
          let affected: string[];
          if (o.kind === 'remove') {
            affected = project.remove(uri);
            texts.delete(uri);
          } else {
            const text = o.kind === 'replace' ? o.text : applyEdit(texts.get(uri) ?? '', o.edit);
            affected = project.upsert(uri, text, { editing: true }).affected;
            texts.set(uri, text);
          }
          for (const other of project.uris()) {
            if (other === uri || affected.includes(other)) continue;
            assert.deepEqual(findingSet(project.findings(other)), before.get(other), `${other} changed but was not reported as affected`);
          }
        }
      }),
      150,
    );
  });

  it('findings do not depend on the order documents were added in', async () => {
    await checkProperty(
      'order of upserts does not change findings',
      fc.property(fc.array(policyDoc, { minLength: 2, maxLength: 3 }), (docs) => {
        const texts = new Map(docs.map((d, i) => [URIS[i], d.text]));
        const order = [...texts.keys()];
        assert.deepEqual(projectFindings(fresh(texts, order)), projectFindings(fresh(texts, [...order].reverse())));
      }),
      150,
    );
  });

  it('sentence analyses shared across the documents of a project give the findings of analysing each alone', async () => {
    // The same sentences under other programs, vocabularies, labels and list contexts: a
    // shared analysis must only ever be reused where it would have come out the same.
    const contexts = [
      (p: string, body: string) => `---\nprogram: Secure Communities\nparticipants: [states, counties]\n---\n${body}\n\n${p}\n`,
      (p: string, body: string) => `---\nprogram: Fingerprint sharing\nparticipants:\n  - local jurisdiction\n---\n${p}\n\n${body}`,
      (p: string, body: string) => `## Optional aspects\n\n- ${p.replace(/\n/g, ' ')}\n\n${body}`,
      (p: string, body: string) => `# Mandatory aspects\n\n${p}\n\n## Background\n\n${p}\n\n${body}`,
    ];
    await checkProperty(
      'shared sentence analyses = separate',
      fc.property(policyDoc, paragraph, fc.subarray([0, 1, 2, 3], { minLength: 2 }), (d, para, which) => {
        const texts = new Map(which.map((w) => [`file:///w/policies/context-${w}.md`, contexts[w](para, d.body)]));
        const shared = new Project(undefined, { shareSentenceAnalyses: true });
        for (const [u, t] of texts) shared.upsert(u, t);
        const alone = new Project();
        for (const [u, t] of texts) alone.upsert(u, t);
        assert.deepEqual(projectFindings(shared), projectFindings(alone));
        for (const u of texts.keys()) assert.deepEqual(shared.model(u)!.statements, alone.model(u)!.statements);
      }),
      150,
    );
  });

  it('lean models (without fixes), and models rebuilt from facts analysed in another project, give the findings of full models', async () => {
    await checkProperty(
      'lean / from facts = full',
      fc.property(fc.array(policyDoc, { minLength: 1, maxLength: 3 }), (docs) => {
        const texts = new Map(docs.map((d, i) => [URIS[i], d.text]));
        const full = fresh(texts, [...texts.keys()]);
        const lean = new Project();
        for (const [u, t] of texts) lean.upsert(u, t, { lean: true });
        // As the CLI's worker threads do: each document analysed in a project of its own.
        const fromFacts = new Project();
        for (const [u, t] of texts) {
          const elsewhere = new Project();
          elsewhere.upsert(u, t);
          fromFacts.addFacts(structuredClone(elsewhere.facts(u)!));
        }
        // Lean documents are the ones not open in the editor: nobody asks for their fixes, so they keep none of their own.
        const withoutFixes = (f: Finding) => ({ ...f, fixes: [] });
        assert.deepEqual(projectFindings(lean, withoutFixes), projectFindings(full, withoutFixes));
        const documentScope = new Set(RULES.filter((r) => r.scope === 'document').map((r) => r.id));
        for (const u of lean.uris()) for (const f of lean.findings(u)) if (documentScope.has(f.ruleId)) assert.deepEqual(f.fixes, [], 'a lean document keeps no fixes of its own');
        assert.deepEqual(projectFindings(fromFacts), projectFindings(full));
      }),
      150,
    );
  });
});
