import * as assert from 'node:assert/strict';
import { serverDownSummary, summarize } from '../../../client/src/statusSummary';

describe('client: status bar summary', () => {
  const d = (code: string, source = 'policy-lint') => ({ source, code: { value: code } });

  it('counts unlabelled clauses and lists every rule in the tooltip', () => {
    const s = summarize([d('missing-label'), d('missing-label'), d('label-conflict'), d('missing-label'), { source: 'policy-lint', code: 'term-variant' }]);
    assert.equal(s.text, '$(checklist) 3 unlabelled');
    assert.deepEqual(s.counts, [['missing-label', 3], ['label-conflict', 1], ['term-variant', 1]]);
    assert.equal(s.tooltip, 'Policy Lint — this document\nmissing-label: 3\nlabel-conflict: 1\nterm-variant: 1\n\nClick to open the Problems view.');
  });

  it('says clear when there is nothing, and counts other problems when nothing is unlabelled', () => {
    assert.equal(summarize([]).text, '$(pass) Policy Lint: clear');
    assert.equal(summarize([d('missing-label', 'markdownlint'), d('x', 'cSpell')]).text, '$(pass) Policy Lint: clear', 'other sources do not count');
    assert.equal(summarize([d('label-conflict')]).text, '$(checklist) Policy Lint: 1 problem');
    assert.equal(summarize([d('label-conflict'), d('term-variant')]).text, '$(checklist) Policy Lint: 2 problems');
  });

  it('says the server is stopped or starting instead of "clear" when it is not running', () => {
    assert.equal(serverDownSummary('stopped').text, '$(debug-disconnect) Policy Lint: stopped');
    assert.match(serverDownSummary('stopped').tooltip, /not running[\s\S]*restart/);
    assert.equal(serverDownSummary('starting').text, '$(sync~spin) Policy Lint: starting');
  });
});
