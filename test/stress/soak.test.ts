import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Project } from '../../server/src/engine';
import { projectFindings } from '../unit/robustness/support/invariants';
import { applyEdit, edit, policyDoc } from '../unit/robustness/support/markdown';
import { seed } from '../unit/robustness/support/runProperty';

const EDITS = Number(process.env.SOAK_EDITS ?? 10_000);
const CHECK_EVERY = 500;
const URI = 'file:///w/policies/soak.md';
const OTHER = 'file:///w/policies/other.md';

function heapMb(): number {
  (global as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

/** A 2,000-line document from generated blocks. */
function bigDocument(s: number): string {
  const docs = fc.sample(policyDoc, { seed: s, numRuns: 400 }).map((d) => d.body);
  const lines: string[] = [];
  for (const d of docs) {
    lines.push(...d.split(/\r\n|\r|\n/), '');
    if (lines.length >= 2_000) break;
  }
  return `# Soak\n\n${lines.slice(0, 2_000).join('\n')}\n`;
}

/** Over `max` lines: cut lines at a place chosen by `at` until `target` remain. */
function trimToLines(text: string, max: number, target: number, at: number): string {
  const lines = text.split('\n');
  if (lines.length <= max) return text;
  const excess = lines.length - target;
  const from = 2 + (at % Math.max(1, lines.length - excess - 2));
  lines.splice(from, excess);
  return lines.join('\n');
}

describe('stress: soak of small edits in one project', () => {
  it(`${EDITS} random edits on a 2,000-line document: findings equal a fresh analysis every ${CHECK_EVERY} edits; heap stays flat`, () => {
    const s = seed();
    let text = bigDocument(s);
    const project = new Project();
    const otherText = 'States may opt-out of notifications. Participation in data sharing is voluntary.\n';
    project.upsert(OTHER, otherText);
    project.upsert(URI, text, { editing: true }); // as the language server does for an open document
    project.findings(URI);
    const edits = fc.sample(edit, { seed: s + 1, numRuns: EDITS });
    const heap: number[] = [heapMb()];
    const t0 = performance.now();
    let checks = 0;
    for (let i = 0; i < edits.length; i++) {
      text = applyEdit(text, edits[i]);
      // Keep the document near 2,000 lines: edits insert more than they delete on average.
      text = trimToLines(text, 2_200, 2_000, edits[i].at);
      project.upsert(URI, text, { editing: true }); // as the language server does for an open document
      project.findings(URI);
      if ((i + 1) % CHECK_EVERY === 0) {
        const fresh = new Project();
        // From the texts the test made, not the project's copies: a garbled copy must not agree with itself.
        assert.equal(project.model(URI)!.text, text);
        fresh.upsert(OTHER, otherText);
        fresh.upsert(URI, text);
        assert.deepEqual(projectFindings(project), projectFindings(fresh), `after ${i + 1} edits`);
        assert.equal(project.ruleErrors.length, 0, String(project.ruleErrors[0]?.error));
        checks++;
        heap.push(heapMb());
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const lines = text.split(/\r\n|\r|\n/).length;
    console.log(`      soak: ${edits.length} edits in ${seconds.toFixed(1)} s (${((seconds * 1000) / edits.length).toFixed(1)} ms per edit + findings), ${checks} full comparisons, final document ${lines} lines`);
    console.log(`      heap used after GC (MB) every ${CHECK_EVERY} edits: ${heap.map((h) => h.toFixed(1)).join(' ')}${(global as { gc?: unknown }).gc ? '' : ' (no --expose-gc: not collected first)'}`);
    // Flat: the last third of the run holds no more than the first third plus a margin.
    const third = Math.max(1, Math.floor(heap.length / 3));
    const early = Math.max(...heap.slice(1, 1 + third));
    const late = Math.max(...heap.slice(-third));
    assert.ok(late < early * 1.5 + 20, `heap grew from ${early.toFixed(1)} MB to ${late.toFixed(1)} MB`);
  });
});
