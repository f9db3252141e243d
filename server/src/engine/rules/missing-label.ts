import type { Fix } from '../types';
import type { Rule } from './rule';
import type { Clause, DocumentModel } from '../model/document';

const WHO: Record<string, string> = { agentless: 'someone' };

export const missingLabel: Rule = {
  id: 'missing-label',
  category: 'labels',
  summary: 'A clause that requires or permits something of participants carries no Mandatory or Optional label.',
  defaultSeverity: 'warning',
  fixable: true,
  scope: 'document',
  options: {
    flagPermissions: {
      type: 'boolean',
      default: false,
      description: 'Also flag clauses that only permit ("may", "can", "may elect to"). Off by default: a permission is optional by its own words.',
    },
  },
  docs: {
    why:
      'Readers of guidance (states, local jurisdictions, grantees) must be able to tell which parts bind them. Modal verbs alone do not say it reliably: "should", "will" and "is expected to" are read as requirements by some and as suggestions by others, and an obligation buried in a paragraph is easy to miss. An explicit label on every clause that binds a participant removes the guesswork.',
    avoid: 'Jurisdictions should submit fingerprints to the FBI within 24 hours of booking.',
    prefer: '[Mandatory] Jurisdictions must submit fingerprints to the FBI within 24 hours of booking.',
    notFlagged: [
      'Clauses under a labelled section ("## Optional aspects", "## Reporting (Mandatory)") or in a table row with a Participation column.',
      'Informative sections (Background, Purpose, Definitions… configurable).',
      'Commitments of the issuer ("The Department will publish…").',
      'Clauses whose subject is neither a participant nor absent ("This policy will take effect…").',
      'Agentless clauses with "will", "should" or "may" ("Additional information will be provided"); agentless "must"/"shall" are flagged.',
      'Code, quotes, HTML comments and link targets.',
      'Permissions, unless `flagPermissions` is on.',
    ],
  },
  check({ model, options, report }) {
    for (const clause of model.clauses) {
      const m = clause.primary;
      if (!m || clause.label || clause.informative) continue;
      if (m.force === 'permission' && !options.flagPermissions) continue;
      const who = WHO[m.subject] ?? m.subjectText.toLowerCase();
      const phrase = m.phrase.replace(/\s+/g, ' ');
      const message =
        m.force === 'ambiguous'
          ? `"${phrase}" leaves it unclear whether this is required of ${who}. Label the clause [Mandatory] or [Optional].`
          : m.force === 'permission'
            ? `This clause permits something of ${who} ("${phrase}") but has no label. Label it [Optional] (or [Mandatory]).`
            : `This clause ${m.force === 'prohibition' ? 'prohibits something for' : 'requires something of'} ${who} ("${phrase}") but has no label. Label it [Mandatory] or [Optional].`;
      report({
        start: clause.start,
        end: clause.start + m.end,
        message,
        fixes: labelFixes(model, clause),
        fingerprintText: clause.text,
      });
    }
  },
};

/** Insert a label at the clause start. Safe when the clause's own words already say which. */
export function labelFixes(model: DocumentModel, clause: Clause): Fix[] {
  const m = clause.primary!;
  const mandatory = `[${model.config.labels.mandatory[0] ?? 'Mandatory'}] `;
  const optional = `[${model.config.labels.optional[0] ?? 'Optional'}] `;
  const at = model.lines.positionAt(clause.start);
  const insert = (text: string) => [{ range: { start: at, end: at }, newText: text }];
  const binds = m.force === 'obligation' || m.force === 'prohibition';
  const permits = m.force === 'permission';
  const fixes: Fix[] = [
    { title: `Label as ${mandatory.trim()}`, edits: insert(mandatory), safe: binds && !coversConflict(model, clause, 'mandatory') },
    { title: `Label as ${optional.trim()}`, edits: insert(optional), safe: permits && !coversConflict(model, clause, 'optional') },
  ];
  return permits ? fixes.reverse() : fixes;
}

/**
 * A label at the start of a paragraph or list item also covers the clauses after it (and
 * nested items). Inserting one is safe only if none of those says the opposite (the fix
 * would trade a warning for a label-conflict error) or is ambiguous (the fix would decide it).
 */
function coversConflict(model: DocumentModel, clause: Clause, status: 'mandatory' | 'optional'): boolean {
  const previous = model.clauses[clause.index - 1];
  if (previous && previous.block === clause.block) return false; // not first in its paragraph: labels itself only
  const item = clause.block.listItemStart ? clause.block.listPath[clause.block.listPath.length - 1] : undefined;
  for (let j = clause.index + 1; j < model.clauses.length; j++) {
    const c = model.clauses[j];
    const covered = c.block === clause.block || (item !== undefined && c.block.listPath.includes(item));
    if (!covered) break;
    if (c.inlineLabel) continue;
    for (const m of c.modals) {
      if (m.conditional || m.subject === 'issuer' || m.subject === 'other') continue;
      // An ambiguous "should" under the new label would be decided without its author.
      if (m.force === 'ambiguous') return true;
      const says = m.force === 'obligation' ? 'mandatory' : m.force === 'permission' ? 'optional' : undefined;
      if (says && says !== status) return true;
    }
  }
  return false;
}
