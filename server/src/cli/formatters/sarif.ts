import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { RULES, RULES_BY_ID, ruleDocUrl, type Finding, type Range, type Severity, type TextEdit } from '../../engine';
import { uriToPath } from '../paths';
import type { Report, RunNotification } from './report';

export const TOOL_NAME = 'policy-lint';
export const INFORMATION_URI = 'https://github.com/policy-lint/policy-lint';
export const FINGERPRINT_KEY = 'policyLint/v1';
const SRCROOT = 'SRCROOT';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 for code-scanning services. Paths under the working folder are relative to
 * the SRCROOT base (declared in originalUriBaseIds), others are absolute file URIs.
 * Regions are one-based; columns count UTF-16 code units (run.columnKind says so).
 */
export function formatSarif(report: Report, version: string): string {
  return `${JSON.stringify(buildSarif(report, version), null, 2)}\n`;
}

export function buildSarif(report: Report, version: string): Sarif.Log {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const rules: Sarif.ReportingDescriptor[] = RULES.map((r) => ({
    id: r.id,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.docs.why },
    helpUri: ruleDocUrl(r.id),
    defaultConfiguration: { level: LEVEL[r.defaultSeverity], enabled: true },
    properties: { category: r.category, fixable: r.fixable, scope: r.scope },
  }));
  const location = (uri: string, range: Range): Sarif.PhysicalLocation => ({
    artifactLocation: artifact(uri, report.cwd),
    region: region(range),
  });
  const results: Sarif.Result[] = report.findings.map((f) => {
    const result: Sarif.Result = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: location(f.uri, f.range) }],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    };
    const index = ruleIndex.get(f.ruleId);
    if (index !== undefined) result.ruleIndex = index;
    if (f.related.length) {
      result.relatedLocations = f.related.map((r, i) => ({
        id: i + 1,
        physicalLocation: location(r.uri, r.range),
        message: { text: r.message || RULES_BY_ID.get(f.ruleId)?.summary || f.ruleId },
      }));
    }
    const fixes = f.fixes.filter((x) => x.edits.length).map((x) => sarifFix(x.title, x.edits, f.uri, report.cwd));
    if (fixes.length) result.fixes = fixes;
    return result;
  });
  const config = report.notifications.filter((n) => n.configuration).map((n) => notification(n, report.cwd));
  const execution = report.notifications.filter((n) => !n.configuration).map((n) => notification(n, report.cwd));
  const invocation: Sarif.Invocation = { executionSuccessful: !report.incomplete };
  if (config.length) invocation.toolConfigurationNotifications = config;
  if (execution.length) invocation.toolExecutionNotifications = execution;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version, semanticVersion: version, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        invocations: [invocation],
        results,
      },
    ],
  };
}

/** Relative to SRCROOT when inside the working folder; an absolute URI otherwise. */
function artifact(uri: string, cwd: string): Sarif.ArtifactLocation {
  if (!uri.startsWith('file:')) return { uri };
  const rel = path.relative(cwd, uriToPath(uri));
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(uriToPath(uri)).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(r: Range): Sarif.Region {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function sarifFix(title: string, edits: TextEdit[], uri: string, cwd: string): Sarif.Fix {
  return {
    description: { text: title },
    artifactChanges: [
      {
        artifactLocation: artifact(uri, cwd),
        replacements: edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
      },
    ],
  };
}

function notification(n: RunNotification, cwd: string): Sarif.Notification {
  const out: Sarif.Notification = { level: n.level, message: { text: n.message } };
  if (n.file) {
    const uri = n.file.includes(':') && !path.isAbsolute(n.file) ? n.file : pathToFileURL(n.file).href;
    const loc: Sarif.PhysicalLocation = { artifactLocation: artifact(uri, cwd) };
    if (n.line) loc.region = { startLine: n.line, ...(n.column ? { startColumn: n.column } : {}) };
    out.locations = [{ physicalLocation: loc }];
  }
  return out;
}
