import type { Finding } from '../../../../server/src/engine';

/**
 * Views of a finding that leave out what known engine issues make depend on history
 * (the order documents were indexed in). Each is pinned by a failing test in
 * regressions.test.ts; when that passes, drop the view here so the properties compare
 * whole findings again.
 */

/**
 * REGRESSION "related locations and the place named in a participation-contradiction
 * message follow index order": compare related sets, not lists, and not the first place named.
 * REGRESSION "term-variant related locations are the first three in document order": only their number.
 */
export function orderFree(f: Finding): unknown {
  const related = f.ruleId === 'term-variant' ? f.related.length : f.related.map((r) => JSON.stringify(r)).sort();
  const message = f.ruleId === 'participation-contradiction' ? f.message.replace(/ at (?:line \d+|\S+:\d+)/, ' at <place>') : f.message;
  return { ...f, message, related };
}

/** REGRESSION "related locations go stale in documents not reported as affected": leave related out. */
export function withoutRelated(f: Finding): unknown {
  return { ...(orderFree(f) as object), related: undefined };
}
