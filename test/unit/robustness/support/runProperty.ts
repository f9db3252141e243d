import fc from 'fast-check';

/**
 * Runs fast-check properties with a fixed seed in the default run (reproducible, fast) and
 * with many more runs under `npm run test:stress` (ROBUSTNESS_SCALE > 1, random seed unless
 * ROBUSTNESS_SEED is set). Every run is tallied, so the stress run can print how many
 * inputs each property tried and how many failed.
 */

export const DEFAULT_SEED = 20261124;

export interface Tally {
  property: string;
  runs: number;
  failures: number;
  ms: number;
  seed: number;
  counterexample?: string;
}

export const tallies: Tally[] = [];

/** How many times more runs than the default: 1 in `npm test`, e.g. 25 in the stress run. */
export function scale(): number {
  const s = Number(process.env.ROBUSTNESS_SCALE ?? '1');
  return Number.isFinite(s) && s > 0 ? s : 1;
}

export function seed(): number {
  if (process.env.ROBUSTNESS_SEED) return Number(process.env.ROBUSTNESS_SEED);
  return scale() > 1 ? Date.now() % 2 ** 31 : DEFAULT_SEED;
}

/** Default-run count, multiplied by the stress scale. */
export function runs(defaultRuns: number): number {
  return Math.max(1, Math.round(defaultRuns * scale()));
}

export async function checkProperty<Ts extends [unknown, ...unknown[]]>(
  name: string,
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  defaultRuns: number,
): Promise<void> {
  const s = seed();
  const t0 = performance.now();
  const details = await fc.check(property as fc.IAsyncProperty<Ts>, { seed: s, numRuns: runs(defaultRuns), endOnFailure: false });
  const tally: Tally = { property: name, runs: details.numRuns, failures: details.failed ? 1 : 0, ms: performance.now() - t0, seed: s };
  if (details.failed) tally.counterexample = fc.stringify(details.counterexample);
  tallies.push(tally);
  if (details.failed) {
    throw new Error(`${name}: ${defaultFailureReport(details)}`);
  }
}

function defaultFailureReport<Ts>(details: fc.RunDetails<Ts>): string {
  const err = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return [
    `failed after ${details.numRuns} runs, ${details.numShrinks} shrinks (seed ${details.seed}, path "${details.counterexamplePath}").`,
    `Minimal counterexample: ${fc.stringify(details.counterexample)}`,
    `Error: ${err.slice(0, 2000)}`,
  ].join('\n');
}

/** One line per property: runs, failures, seconds. Printed by the stress run. */
export function formatTallies(list: Tally[] = tallies): string {
  const rows = list.map((t) => `${t.property.padEnd(64)} ${String(t.runs).padStart(7)} ${String(t.failures).padStart(5)} ${(t.ms / 1000).toFixed(1).padStart(8)}`);
  const total = list.reduce((a, t) => ({ runs: a.runs + t.runs, failures: a.failures + t.failures, ms: a.ms + t.ms }), { runs: 0, failures: 0, ms: 0 });
  return [
    `${'property'.padEnd(64)} ${'inputs'.padStart(7)} ${'fail'.padStart(5)} ${'seconds'.padStart(8)}`,
    ...rows,
    `${'total'.padEnd(64)} ${String(total.runs).padStart(7)} ${String(total.failures).padStart(5)} ${(total.ms / 1000).toFixed(1).padStart(8)}`,
    ...list.filter((t) => t.counterexample).map((t) => `FAILED ${t.property} (seed ${t.seed}): ${t.counterexample!.slice(0, 500)}`),
  ].join('\n');
}
