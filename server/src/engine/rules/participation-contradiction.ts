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
    const seen = new Set<string>();
    for (const st of model.statements) {
      const id = `${st.start}:${st.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const related: RelatedLocation[] = [];
      const registry = project.registryFor(st.key);
      if (registry && registry.status !== st.status && registry.location) {
        related.push({ ...registry.location, message: `Declared ${registry.status} in the program registry` });
      }
      let others = 0;
      for (const other of project.statementsFor(st.key)) {
        if (other.statement.status === st.status) continue;
        if (other.uri === model.uri && overlapsSameClause(model, st.start, other.statement.start)) continue;
        others++;
        if (related.length < MAX_RELATED) {
          related.push({
            uri: other.uri,
            range: other.model.lines.range(other.statement.start, other.statement.end),
            message: `Described as ${other.statement.status}: "${other.statement.aspect}"`,
          });
        }
      }
      if (!related.length) continue;
      const first = related[0];
      const registryConflict = !!(registry && registry.status !== st.status && registry.location);
      const where = registryConflict ? 'in the program registry' : `at ${displayLocation(model.uri, first)}`;
      const extra = registryConflict ? others : others - 1;
      const more = extra > 0 ? ` (and ${extra} other place${extra > 1 ? 's' : ''})` : '';
      const opposite = st.status === 'mandatory' ? 'optional' : 'mandatory';
      report({
        start: st.start,
        end: st.end,
        message: `"${st.aspect}" is ${st.status} here but ${opposite} ${where}${more}. State one participation status for it everywhere.`,
        related,
        fingerprintText: `${st.key}|${st.status}`,
      });
    }
  },
};

function overlapsSameClause(model: import('../model/document').DocumentModel, a: number, b: number): boolean {
  for (const c of model.clauses) {
    if (c.start > a && c.start > b) return false;
    if (a >= c.start && a < c.end) return b >= c.start && b < c.end;
  }
  return false;
}
