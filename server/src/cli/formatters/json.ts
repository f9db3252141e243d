import type { Finding } from '../../engine';
import { displayPath } from '../paths';
import type { Report } from './report';

/**
 * The `--format json` schema (documented in docs/cli.md; keep both in step). Positions are
 * one-based; columns count UTF-16 code units, as editors do. Keys are written in this order.
 */
export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: { file: string; line: number; column: number; message: string }[];
  fixes: { title: string; safe: boolean }[];
  fingerprint: string;
}

export function toJsonFinding(f: Finding, cwd: string): JsonFinding {
  return {
    file: displayPath(f.uri, cwd),
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    related: f.related.map((r) => ({ file: displayPath(r.uri, cwd), line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message })),
    fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe })),
    fingerprint: f.fingerprint,
  };
}

export function formatJson(report: Report): string {
  return `${JSON.stringify(report.findings.map((f) => toJsonFinding(f, report.cwd)), null, 2)}\n`;
}
