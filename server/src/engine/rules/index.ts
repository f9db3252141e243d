import type { Rule } from './rule';
import { missingLabel } from './missing-label';
import { labelConflict } from './label-conflict';
import { participationContradiction } from './participation-contradiction';
import { termVariant } from './term-variant';
import { missingSection } from './missing-section';
import { invalidSuppression } from './invalid-suppression';

/** The registry: every rule, in the order its findings are listed. */
export const RULES: readonly Rule[] = [
  missingLabel,
  labelConflict,
  participationContradiction,
  termVariant,
  missingSection,
  invalidSuppression,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export const DOCS_BASE_URL = 'https://github.com/policy-lint/policy-lint/blob/main/docs/rules/';

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

export type { Rule } from './rule';
