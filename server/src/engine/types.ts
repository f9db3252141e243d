/**
 * Public types of the Policy Lint engine. The engine is pure: it takes text and
 * configuration and returns findings. It knows nothing of LSP, files or processes;
 * the CLI and the language server are thin hosts around it.
 */

/** Zero-based line and UTF-16 character offset, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export type ParticipationStatus = 'mandatory' | 'optional';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** What the fix does, shown in the editor's quick-fix menu. */
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied by `policy-lint --fix` and "fix all"; the others only on request. */
  safe: boolean;
}

export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  uri: string;
  range: Range;
  fixes: Fix[];
  related: RelatedLocation[];
  /**
   * A fingerprint that survives unrelated edits (it hashes the rule, the normalised
   * clause text and the occurrence index, not the line number). Used by baselines and SARIF.
   */
  fingerprint: string;
}

/** A problem with an input (config, front matter, snippet pack), reported with its place. */
export interface InputProblem {
  /** File path or URI the problem is in. */
  source: string;
  /** Zero-based; absent when the problem is about the file as a whole. */
  range?: Range;
  /** Dotted key path inside a config, e.g. `rules.missing-label.severity`. */
  key?: string;
  message: string;
  severity: 'error' | 'warning';
}
