import { Project, type Finding, type ResolvedConfig } from '../../../../server/src/engine';
import { checkFindingRanges } from './invariants';

export const DOC = 'file:///work/policies/doc.md';

/** Analyses one text in a fresh Project; a rule that threw is a failure here, not a skipped rule. */
export function analyse(text: string, resolved?: ResolvedConfig, uri = DOC): { findings: Finding[]; ms: number; project: Project } {
  const project = new Project(resolved);
  const t0 = performance.now();
  project.upsert(uri, text);
  const findings = project.findings(uri);
  const ms = performance.now() - t0;
  if (project.ruleErrors.length) {
    const e = project.ruleErrors[0];
    throw new Error(`rule ${e.ruleId} threw: ${e.error instanceof Error ? e.error.stack : String(e.error)}`);
  }
  return { findings, ms, project };
}

/** Analyses and checks every range. */
export function analyseAndCheck(text: string, resolved?: ResolvedConfig): { findings: Finding[]; ms: number } {
  const { findings, ms } = analyse(text, resolved);
  const texts = new Map([[DOC, text]]);
  for (const f of findings) checkFindingRanges(f, texts);
  return { findings, ms };
}

/**
 * A bound on analysis time that any linear engine meets with a wide margin on a loaded
 * CI machine, yet a hang or a quadratic blow-up on a large input does not: a guard, not a benchmark.
 */
export function timeBoundMs(chars: number): number {
  return 1000 + chars * 0.02;
}
