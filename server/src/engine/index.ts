/** The Policy Lint engine: pure analysis of policy documents. No I/O, no LSP. */
export * from './types';
export { Project, type DocumentFacts, type ProjectOptions, type RuleError, type UpsertOptions } from './project';
export { applyEdits, safeEdits } from './fix';
export { defaultConfig } from './config/defaults';
export { loadConfig, merge as mergeConfig, type LoadedConfig } from './config/load';
export { configSchema } from './config/schema';
export type * from './config/types';
export { RULES, RULES_BY_ID, ruleDocUrl } from './rules';
export type { Rule, RuleMeta } from './rules/rule';
export type { DocumentModel, Clause, Section } from './model/document';
export type { ParticipationStatement } from './model/participation';
export { compileTerms } from './model/terms';
export { LineIndex } from './text';
export { participationSummary, type SummaryRow, type SummaryStatus, type SummaryLocation } from './summary';
