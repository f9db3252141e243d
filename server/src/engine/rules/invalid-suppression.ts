import type { Rule } from './rule';

export const invalidSuppression: Rule = {
  id: 'invalid-suppression',
  category: 'suppressions',
  summary: 'A suppression comment names no rule, an unknown rule, or gives no reason.',
  defaultSeverity: 'warning',
  fixable: false,
  scope: 'document',
  options: {},
  docs: {
    why:
      'A suppression is a decision a reviewer should be able to read: which finding is accepted and why. A comment without a rule would hide everything; one without a reason hides the decision.',
    avoid: '<!-- policy-lint-disable-next-line -->\nStates should notify ICE.',
    prefer: '<!-- policy-lint-disable-next-line missing-label -- quoted from the 2009 MOA, kept verbatim -->\nStates should notify ICE.',
    notFlagged: ['Directives inside code blocks, which are examples, not directives.'],
  },
  check({ model, report }) {
    for (const p of model.directiveProblems) {
      report({ start: model.lines.offsetAt(p.range.start), end: model.lines.offsetAt(p.range.end), message: p.message });
    }
  },
};
