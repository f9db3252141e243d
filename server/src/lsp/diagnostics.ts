import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { Finding, InputProblem, Severity } from '../engine';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface DiagnosticOptions {
  docLink(ruleId: string): string;
  /** The client shows `relatedInformation`; otherwise the places are named in the message. */
  relatedInformation: boolean;
  version?: number;
}

export function findingToDiagnostic(f: Finding, o: DiagnosticOptions): Diagnostic {
  const data: DiagnosticData = {
    ruleId: f.ruleId,
    fingerprint: f.fingerprint,
    version: o.version,
  };
  const related: DiagnosticRelatedInformation[] = f.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message || 'Related location' }));
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: o.docLink(f.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    data,
  };
  if (related.length) {
    if (o.relatedInformation) d.relatedInformation = related;
    else d.message += ` (${related.map((r) => `${shortName(r.location.uri)}:${r.location.range.start.line + 1}`).join(', ')})`;
  }
  return d;
}

/** A front matter or config problem: shown where it is, with what to change. */
export function problemToDiagnostic(p: InputProblem, code: string): Diagnostic {
  const range = p.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    range,
    severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code,
    source: DIAGNOSTIC_SOURCE,
    message: p.key && !p.message.includes(p.key) ? `${p.message} (\`${p.key}\`)` : p.message,
  };
}

export function shortName(uri: string): string {
  return decodeURIComponent(uri.replace(/[?#].*$/, '').split('/').pop() ?? uri);
}
