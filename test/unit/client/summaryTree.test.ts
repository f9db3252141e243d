import * as assert from 'node:assert/strict';
import { countsText, groupByProgram, pathLabel, statusText, type SummaryRow } from '../../../client/src/summary/summaryRows';
import { buildSummaryTree, NO_PROGRAM, PROGRAM_AS_A_WHOLE } from '../../../client/src/summary/summaryTreeModel';
import { range, sampleRows } from './summarySample';

const W = 'file:///work/space';
const label = (uri: string) => pathLabel(uri, [{ uri: W, name: 'space' }]);

describe('participation summary tree (client)', () => {
  it('groups by program, the program as a whole first, then contradictions, unclear, mandatory, optional', () => {
    const tree = buildSummaryTree(sampleRows(), label);
    assert.deepEqual(tree.map((p) => p.label), ['Secure Communities', NO_PROGRAM]);
    const sc = tree[0];
    assert.deepEqual(sc.children.map((a) => [a.label, a.status]), [
      [PROGRAM_AS_A_WHOLE, 'contradictory'],
      ['Fingerprint sharing', 'contradictory'],
      ['keep a log of detainers', 'unclear'],
      ['Attending quarterly stakeholder calls', 'optional'],
    ]);
    assert.equal(sc.status, 'contradictory', 'the program node shows the status of the program as a whole');
    assert.equal(sc.description, 'Contradictory as a whole · 3 aspects · 2 contradictory, 1 unclear');
    assert.equal(tree[1].status, undefined, 'no program-level statement: no status icon');
  });

  it('describes each aspect with its status, what the registry declares and how many places state it; contradictions start expanded', () => {
    const fp = buildSummaryTree(sampleRows(), label)[0].children[1];
    assert.equal(fp.description, 'Contradictory (declared mandatory) · 2 places');
    assert.match(fp.tooltip, /disagree/);
    assert.equal(fp.expanded, true);
    const calls = buildSummaryTree(sampleRows(), label)[0].children[3];
    assert.equal(calls.expanded, false);
    assert.equal(calls.description, 'Optional · 1 place');
  });

  it('lists every place as file:line (1-based) with its own status, and jumps to its exact range', () => {
    const fp = buildSummaryTree(sampleRows(), label)[0].children[1];
    assert.deepEqual(fp.children.map((l) => [l.label, l.status, l.description]), [
      ['agreement.md:9', 'mandatory', 'mandatory · “share fingerprints with ICE”'],
      ['outreach.md:10', 'optional', 'optional · “opt-out of fingerprint sharing”'],
    ]);
    assert.deepEqual(fp.children[0].target, { uri: `${W}/agreement.md`, range: range(8, 2) });
    assert.match(fp.children[0].tooltip, /mandatory by its label/);
    const registry = buildSummaryTree(sampleRows(), label)[0].children[0].children[0];
    assert.equal(registry.label, '.policylintrc.yaml:9');
    assert.match(registry.tooltip, /declared in the configuration/);
  });

  it('gives an aspect a new id when it becomes contradictory, so that it opens', () => {
    const rows = sampleRows();
    const calls = () => buildSummaryTree(rows, label)[0].children.find((a) => a.label === 'Attending quarterly stakeholder calls')!;
    const before = calls().id;
    rows[1].status = 'contradictory';
    assert.notEqual(calls().id, before);
    assert.equal(calls().expanded, true);
  });

  it('gives stable, distinct ids (expansion survives a refresh)', () => {
    const ids = (rows: SummaryRow[]) => buildSummaryTree(rows, label).flatMap((p) => [p.id, ...p.children.flatMap((a) => [a.id, ...a.children.map((l) => l.id)])]);
    const first = ids(sampleRows());
    assert.equal(new Set(first).size, first.length);
    assert.deepEqual(ids(sampleRows()), first);
  });

  it('shows nothing for no rows', () => {
    assert.deepEqual(buildSummaryTree([], label), []);
  });

  it('names files relative to their workspace folder, decoded; with several folders, by folder name', () => {
    assert.equal(label(`${W}/sub%20dir/other.md`), 'sub dir/other.md');
    assert.equal(pathLabel(`${W}/a.md`, [{ uri: 'file:///x', name: 'x' }, { uri: W, name: 'space' }]), 'space/a.md');
    assert.equal(pathLabel('file:///elsewhere/b%25.md', []), 'b%.md');
    assert.equal(pathLabel('untitled:Untitled-1', []), 'untitled:Untitled-1');
  });

  it('summarises statuses in words', () => {
    assert.equal(countsText(sampleRows()), '2 contradictory, 1 unclear, 1 mandatory, 1 optional');
    assert.equal(countsText([]), 'nothing stated');
    assert.equal(statusText({ status: 'optional', declared: 'optional' }), 'Optional (declared optional)');
    assert.equal(groupByProgram(sampleRows()).at(-1)?.program, '', 'aspects of no named program come last');
  });
});
