import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../engine';
import { writeFileAtomic } from '../node/atomicWrite';
import { displayPath } from './paths';

/**
 * A baseline records findings a team has accepted for now, so that a CI gate fails only on
 * new ones. Entries are matched by file, rule and fingerprint (which survives unrelated edits);
 * file paths are relative to the baseline's own folder so the baseline works from any cwd.
 */
export interface BaselineFile {
  version: 1;
  findings: BaselineEntry[];
}

export interface BaselineEntry {
  /** Relative POSIX path from the baseline file's folder. */
  file: string;
  ruleId: string;
  fingerprint: string;
}

/** A baseline that cannot be used: the run stops with exit code 2. */
export class BaselineError extends Error {}

export function readBaseline(file: string): BaselineFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new BaselineError(`${file}: cannot read the baseline (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${file}: the baseline is not valid JSON (${(e as Error).message}).`);
  }
  const obj = data as Partial<BaselineFile> | null;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new BaselineError(`${file}: the baseline must be an object {"version": 1, "findings": [...]}.`);
  if (obj.version !== 1) throw new BaselineError(`${file}: unsupported baseline version ${JSON.stringify(obj.version)}; expected 1.`);
  if (!Array.isArray(obj.findings)) throw new BaselineError(`${file}: \`findings\` must be an array.`);
  obj.findings.forEach((f, i) => {
    const ok = f && typeof f === 'object' && typeof f.file === 'string' && typeof f.ruleId === 'string' && typeof f.fingerprint === 'string';
    if (!ok) throw new BaselineError(`${file}: findings[${i}] must have string \`file\`, \`ruleId\` and \`fingerprint\`.`);
  });
  return { version: 1, findings: obj.findings };
}

export function baselineEntries(findings: Finding[], baselineFile: string): BaselineEntry[] {
  const base = path.dirname(baselineFile);
  const entries = findings.map((f) => ({ file: displayPath(f.uri, base), ruleId: f.ruleId, fingerprint: f.fingerprint }));
  entries.sort((a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
  return entries;
}

export async function writeBaseline(file: string, findings: Finding[]): Promise<number> {
  const entries = baselineEntries(findings, file);
  const data: BaselineFile = { version: 1, findings: entries };
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
  return entries.length;
}

/**
 * Splits findings into those the baseline does not know and the number it hides. Each
 * baseline entry hides one finding: two identical findings against one entry leave one shown.
 */
export function applyBaseline(findings: Finding[], baseline: BaselineFile, baselineFile: string): { shown: Finding[]; hidden: number } {
  const base = path.dirname(baselineFile);
  const remaining = new Map<string, number>();
  for (const e of baseline.findings) {
    // Hand-edited baselines may say ./a.md or a\\b.md; compare normalised POSIX paths.
    const key = keyOf(path.posix.normalize(e.file.replace(/\\/g, '/')), e.ruleId, e.fingerprint);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  const shown: Finding[] = [];
  let hidden = 0;
  for (const f of findings) {
    const key = keyOf(displayPath(f.uri, base), f.ruleId, f.fingerprint);
    const n = remaining.get(key) ?? 0;
    if (n > 0) {
      remaining.set(key, n - 1);
      hidden++;
    } else {
      shown.push(f);
    }
  }
  return { shown, hidden };
}

function keyOf(file: string, ruleId: string, fingerprint: string): string {
  return `${file}\0${ruleId}\0${fingerprint}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
