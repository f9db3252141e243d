import type { ParticipationStatement } from '../model/participation';
import type { IndexedStatement } from '../projectIndex';
import type { RelatedLocation } from '../types';
import type { Rule } from './rule';
import { displayLocation } from './util';

const MAX_RELATED = 5;

export const participationContradiction: Rule = {
  id: 'participation-contradiction',
  category: 'consistency',
  summary: 'The same program or aspect is given different participation status in different places, in this document or another.',
  defaultSeverity: 'error',
  fixable: false,
  scope: 'project',
  options: {},
  docs: {
    why:
      'The inspector general found that one program was called "voluntary" in its strategic plan and "mandatory" in signed agreements and answers to inquiries. Each document read fine on its own; together they misled states and local jurisdictions for years. This rule compares every statement of participation status across all documents of the run, and against the registry of programs and aspects in the configuration.',
    avoid:
      'In `outreach.md`: "Participation in Secure Communities is voluntary."\n\nIn `agreement.md`: "Secure Communities is mandatory for all jurisdictions."',
    prefer:
      'Say once, in the guidance, which aspects are mandatory and which optional, and write every other document to match:\n\n"[Mandatory] Fingerprints submitted at booking are shared with ICE.\n[Optional] Jurisdictions may choose whether to receive immigration status notifications."',
    notFlagged: [
      'Two statements in the same clause (that is `label-conflict`).',
      'Different programs: statements are compared within the program named in front matter (`program:`), or among documents that name none.',
      'Conditional obligations ("States that choose to participate must…"): they do not make the program mandatory.',
      'Statements the engine cannot tie to a named aspect ("It is optional").',
    ],
  },
  check({ model, project, report }) {
    // One finding per aspect and status in a document: twenty agreeing mentions of one
    // aspect against one disagreement elsewhere are one problem, reported at the first.
    // By key, then status: no string made per statement (a long document has thousands, at every keystroke).
    const byKey = new Map<string, { mandatory?: ParticipationStatement[]; optional?: ParticipationStatement[] }>();
    const groups: ParticipationStatement[][] = [];
    for (const st of model.statements) {
      let forKey = byKey.get(st.key);
      if (!forKey) byKey.set(st.key, (forKey = {}));
      const g = forKey[st.status];
      if (g) g.push(st);
      else groups.push((forKey[st.status] = [st]));
    }
    const clauseStarts = model.clauseStarts;
    // This document's statements compared with a key, in document order: asked once per key
    // (a key has at most two groups), not once per group.
    const ownByKey = new Map<string, IndexedStatement[]>();
    const ownStatements = (key: string) => {
      let list = ownByKey.get(key);
      if (!list) ownByKey.set(key, (list = [...project.ownStatements(key, model.uri)].sort((a, b) => a.statement.start - b.statement.start)));
      return list;
    };
    for (const group of groups) {
      const st = group[0];
      const related: RelatedLocation[] = [];
      const registry = project.registryFor(st.key);
      const registryConflict = !!(registry && registry.status !== st.status && registry.location);
      // Most aspects are stated one way only: nothing to compare, nothing to build.
      if (!registryConflict && !project.states(st.key, oppositeOf(st.status))) continue;
      if (registryConflict) related.push({ ...registry!.location!, message: `Declared ${registry!.status} in the program registry` });
      // Only the first few opposed statements are shown (this document's first, then by file
      // and place, so the finding does not depend on the indexing order); the rest are counted.
      const limit = MAX_RELATED - related.length;
      const opposite = oppositeOf(st.status);
      // An opposite statement in the one clause all of the group is in is that clause's own
      // business (label-conflict), not a contradiction between places.
      const groupClauses = new Set(group.map((g) => clauseOf(clauseStarts, g.start)));
      const onlyClause = groupClauses.size === 1 ? [...groupClauses][0] : -1;
      const mine = ownStatements(st.key).filter((o) => o.statement.status === opposite && (onlyClause < 0 || clauseOf(clauseStarts, o.statement.start) !== onlyClause));
      const elsewhere = project.statedElsewhere(st.key, opposite, model.uri, Math.max(0, limit - mine.length));
      const first = [...mine, ...elsewhere.first].slice(0, Math.max(0, limit));
      const others = mine.length + elsewhere.count;
      for (const other of first) {
        related.push({
          uri: other.uri,
          range: other.model.lines.range(other.statement.start, other.statement.end),
          message: `Described as ${other.statement.status}: "${other.statement.aspect}"`,
        });
      }
      if (!related.length) continue;
      const where = registryConflict ? 'in the program registry' : `at ${displayLocation(model.uri, related[0])}`;
      const extra = registryConflict ? others : others - 1;
      const more = extra > 0 ? ` (and ${extra} other place${extra > 1 ? 's' : ''})` : '';
      const here = group.length > 1 ? ` here (${group.length} mentions in this document)` : ' here';
      for (const g of group.slice(1, MAX_RELATED)) related.push({ uri: model.uri, range: model.lines.range(g.start, g.end), message: `Also described as ${st.status} here` });
      report({
        start: st.start,
        end: st.end,
        message: `"${st.aspect}" is ${st.status}${here} but ${opposite} ${where}${more}. State one participation status for it everywhere.`,
        related,
        fingerprintText: `${st.key}|${st.status}`,
      });
    }
  },
};

function oppositeOf(status: ParticipationStatement['status']): ParticipationStatement['status'] {
  return status === 'mandatory' ? 'optional' : 'mandatory';
}

/** Index of the clause containing `offset` (binary search over clause starts). */
function clauseOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
