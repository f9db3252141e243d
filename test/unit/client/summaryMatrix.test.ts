import * as assert from 'node:assert/strict';
import { escapeHtml, isOpenTargetMessage, renderMatrixHtml } from '../../../client/src/summary/matrixHtml';
import { buildMatrix } from '../../../client/src/summary/matrixModel';
import { pathLabel } from '../../../client/src/summary/summaryRows';
import { sampleRows } from './summarySample';

const W = 'file:///work/space';
const label = (uri: string) => pathLabel(uri, [{ uri: W, name: 'space' }]);
const options = { nonce: 'n0nce123', cspSource: 'vscode-webview://abc', scope: 'Whole workspace', generation: 7 };

describe('participation matrix (client)', () => {
  it('has a column per file stating anything, sorted, and a cell per statement there', () => {
    const m = buildMatrix(sampleRows(), label);
    assert.deepEqual(m.columns.map((c) => c.label), ['.policylintrc.yaml', 'agreement.md', 'guidance.md', 'outreach.md', 'sub dir/other.md']);
    const fp = m.groups[0].rows.find((r) => r.label === 'Fingerprint sharing')!;
    assert.deepEqual(fp.cells.map((c) => c?.status), [undefined, 'mandatory', undefined, 'optional', undefined]);
    const agreement = fp.cells[1]!;
    assert.equal(agreement.places[0].line, 9);
    assert.deepEqual(m.targets[agreement.places[0].target], { uri: `${W}/agreement.md`, range: sampleRows()[2].locations[0].range });
    assert.equal(m.rowCount, 5);
  });

  it('colours a cell contradictory when one file states both statuses', () => {
    const rows = sampleRows();
    rows[1].locations.push({ ...rows[1].locations[0], status: 'mandatory', range: { start: { line: 40, character: 0 }, end: { line: 40, character: 3 } } });
    const m = buildMatrix(rows, label);
    const calls = m.groups[0].rows.find((r) => r.label === 'Attending quarterly stakeholder calls')!;
    const cell = calls.cells[m.columns.findIndex((c) => c.label === 'guidance.md')]!;
    assert.equal(cell.status, 'contradictory');
    assert.deepEqual(cell.places.map((p) => p.line), [24, 41]);
  });

  it('renders a page with a strict CSP whose style and script carry the nonce, and no inline handlers', () => {
    const html = renderMatrixHtml(buildMatrix(sampleRows(), label), options);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, 'has a CSP');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-n0nce123'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal((html.match(/<script/g) ?? []).length, (html.match(/<script nonce="n0nce123">/g) ?? []).length);
    assert.equal((html.match(/<style/g) ?? []).length, (html.match(/<style nonce="n0nce123">/g) ?? []).length);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler attributes');
    assert.match(html, /generation: 7/);
  });

  it('escapes every text from documents', () => {
    const html = renderMatrixHtml(buildMatrix(sampleRows(), label), options);
    assert.doesNotMatch(html, /<b>monthly<\/b>/);
    assert.match(html, /report &lt;b&gt;monthly&lt;\/b&gt;/);
    assert.equal(escapeHtml(`<a href="x" title='y'>&`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;');
  });

  it('draws each status with its theme colour and a sign, and one button per statement', () => {
    const m = buildMatrix(sampleRows(), label);
    const html = renderMatrixHtml(m, options);
    assert.match(html, /\.s-contradictory\{background:color-mix\(in srgb,var\(--vscode-problemsErrorIcon-foreground\)/);
    assert.match(html, /\.s-unclear\{[^}]*var\(--vscode-problemsWarningIcon-foreground\)/);
    assert.equal((html.match(/<button class="place"/g) ?? []).length, m.targets.length);
    assert.match(html, /<td class="s-optional" data-status="optional"><span class="mark">O<\/span><button class="place" data-target="\d+" title="outreach\.md:10/);
  });

  it('shows a message instead of a table when there is nothing to show', () => {
    assert.match(renderMatrixHtml(buildMatrix([], label), options), /No participation statements found/);
    const html = renderMatrixHtml(buildMatrix(sampleRows(), label), { ...options, message: 'Server <stopped>' });
    assert.match(html, /Server &lt;stopped&gt;/);
    assert.doesNotMatch(html, /<table>/);
  });

  it('accepts only well-formed open messages from the page', () => {
    assert.equal(isOpenTargetMessage({ type: 'open', target: 3, generation: 1 }), true);
    for (const bad of [null, 'open', { type: 'open', target: -1, generation: 1 }, { type: 'open', target: '3', generation: 1 }, { type: 'run', target: 1, generation: 1 }, { type: 'open', target: 1 }]) {
      assert.equal(isOpenTargetMessage(bad), false, JSON.stringify(bad));
    }
  });
});
