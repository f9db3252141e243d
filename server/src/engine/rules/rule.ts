import type { PolicyLintConfig } from '../config/types';
import type { DocumentModel } from '../model/document';
import type { ParticipationStatement } from '../model/participation';
import type { TermUsage } from '../model/terms';
import type { Fix, RelatedLocation, Severity } from '../types';

export type RuleCategory = 'labels' | 'consistency' | 'terminology' | 'structure' | 'suppressions';

export interface RuleOption {
  type: 'boolean' | 'string' | 'number';
  default: boolean | string | number;
  description: string;
}

/** Everything a rule's doc page says, beside the check so the two never drift apart. */
export interface RuleDocs {
  /** Why the rule exists, for a policy author. */
  why: string;
  /** Markdown example of text the rule flags. */
  avoid: string;
  /** The same example, written the way the rule wants it. */
  prefer: string;
  /** What the rule deliberately does not flag. */
  notFlagged: string[];
}

export interface RuleMeta {
  id: string;
  category: RuleCategory;
  summary: string;
  defaultSeverity: Severity;
  fixable: boolean;
  /** Whether findings depend on other documents of the run (they are then computed against the project index). */
  scope: 'document' | 'project';
  options: Record<string, RuleOption>;
  docs: RuleDocs;
}

/** What a rule reports; the engine adds the rule id, severity, URI and fingerprint. */
export interface Report {
  start: number;
  end: number;
  message: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Text the fingerprint is made from; defaults to the reported text. */
  fingerprintText?: string;
}

/** Facts about every document of the run, for project-scope rules. */
import type { IndexedStatement, StatedElsewhere } from '../projectIndex';

export interface ProjectFacts {
  /** Whether any document (the asking one included) states `status` for `key`: a cheap test before the others. */
  states(key: string, status: ParticipationStatement['status']): boolean;
  /** `uri`'s own statements compared with `key`. */
  ownStatements(key: string, uri: string): IndexedStatement[];
  /** How many statements of `status` other documents make about `key`, and the first `limit` by file and offset (cheap, however many). */
  statedElsewhere(key: string, status: ParticipationStatement['status'], exceptUri: string, limit: number): StatedElsewhere;
  /** Registry declaration for a key, if the config declares one. */
  registryFor(key: string): { name: string; status: ParticipationStatement['status']; location?: RelatedLocation } | undefined;
  termForms(family: string): ReadonlyMap<string, number>;
  /** Up to `limit` places where `form` is written, `preferUri`'s own first. */
  termLocations(family: string, form: string, limit: number, preferUri?: string): RelatedLocation[];
}

export interface RuleContext {
  model: DocumentModel;
  config: PolicyLintConfig;
  options: Record<string, unknown>;
  project: ProjectFacts;
  report(r: Report): void;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

export type { TermUsage };
