import type { ParticipationStatus, Range, SeveritySetting } from '../types';

/** One section a template asks for. A heading matches when it equals `name` or one of `aliases`, ignoring case, numbering and labels. */
export interface TemplateSection {
  name: string;
  aliases?: string[];
}

export interface TemplateDefinition {
  description?: string;
  sections: TemplateSection[];
}

/** A participation term the team spells one way. `variants` are other spellings or synonyms to replace. */
export interface TermDefinition {
  preferred?: string;
  /** Written forms of the same term. Spacing and hyphenation variants are found without listing them. */
  variants: string[];
  /** What the term means under this team's conventions; shown on hover. */
  meaning?: string;
}

export interface AspectDefinition {
  name: string;
  aliases?: string[];
  status: ParticipationStatus;
  description?: string;
}

export interface ProgramDefinition extends AspectDefinition {
  aspects?: AspectDefinition[];
}

export interface RuleSetting {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
}

export interface PolicyLintConfig {
  labels: { mandatory: string[]; optional: string[] };
  /** Nouns naming who a document addresses. Clauses with these as subject are normative. */
  participants: string[];
  /** Nouns naming the issuer; its own commitments ("The Department will…") need no label. */
  issuers: string[];
  /** Headings of sections that only inform (Background, Definitions…); no labels needed there. */
  informativeSections: string[];
  /** Table column headings that carry a participation status. */
  participationColumns: string[];
  terms: TermDefinition[];
  templates: Record<string, TemplateDefinition>;
  /** Template applied to documents whose front matter names none; empty for none. */
  defaultTemplate: string;
  rules: Record<string, RuleSetting>;
  include: string[];
  exclude: string[];
  programs: ProgramDefinition[];
}

/** Where each registry entry was declared, so findings can point at it. */
export interface RegistryLocation {
  uri: string;
  range: Range;
}

/** A config after loading: the values plus where they came from. */
export interface ResolvedConfig {
  config: PolicyLintConfig;
  /** URI of the config file, if one was read. */
  sourceUri?: string;
  /** Keyed by `programs[i]` or `programs[i].aspects[j]`. */
  registryLocations: Map<string, RegistryLocation>;
}
