import type { Finding, Severity } from '../../engine';

/** What every report format is given. Findings are already filtered (baseline, --quiet) and sorted. */
export interface Report {
  findings: Finding[];
  /** Folder report paths are relative to. */
  cwd: string;
  /** Number of documents analysed. */
  fileCount: number;
  /** Findings the baseline hid. */
  hiddenByBaseline: number;
  /** Notes about the run (skipped files, failures, config problems), for formats that carry them. */
  notifications: RunNotification[];
  /** A document could not be analysed or a fixed file could not be written. */
  incomplete: boolean;
}

export interface RunNotification {
  level: 'error' | 'warning';
  message: string;
  /** Absolute path or URI of the file concerned. */
  file?: string;
  /** One-based, when known. */
  line?: number;
  column?: number;
  /** Whether the notification is about the configuration (SARIF keeps those apart). */
  configuration?: boolean;
}

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
