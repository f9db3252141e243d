import * as assert from 'node:assert/strict';
import { analyse } from '../unit/robustness/support/analyse';
import { PATHOLOGICAL } from '../unit/robustness/support/pathological';

/**
 * Each pathological input at 1x, 4x and 16x its base size: a linear engine costs ~4x and
 * ~16x, a quadratic one ~16x and ~256x. Inputs already pinned as regressions are measured
 * at 1x and 4x only (16x of a quadratic case would take minutes) and reported, not asserted.
 */
function minMs(text: string, config: ReturnType<NonNullable<(typeof PATHOLOGICAL)[number]['config']>> | undefined): number {
  let best = Infinity;
  for (let i = 0; i < 2; i++) best = Math.min(best, analyse(text, config).ms);
  return best;
}

describe('stress: analysis time grows linearly with input size', () => {
  const rows: string[] = [];
  after(() => {
    console.log(`\n${'input'.padEnd(72)} ${'1x ms'.padStart(8)} ${'4x ms'.padStart(8)} ${'16x ms'.padStart(8)} ${'16x/1x'.padStart(7)}`);
    for (const r of rows) console.log(r);
  });
  for (const p of PATHOLOGICAL) {
    it(`${p.name}: 1x, 4x, 16x`, () => {
      const config = p.config?.();
      const sizes = p.found ? [1, 4] : [1, 4, 16];
      const ms = sizes.map((k) => minMs(p.make(p.scaleBase * k), config));
      const ratio = ms[ms.length - 1] / Math.max(ms[0], 1);
      rows.push(`${(p.found ? `[known] ${p.name}` : p.name).padEnd(72)} ${ms.map((m) => m.toFixed(0).padStart(8)).join(' ')}${p.found ? ' '.repeat(9) : ''} ${ratio.toFixed(1).padStart(7)}`);
      // Under 64x for 16x the input: far from quadratic (256x), with room for noise at small sizes.
      if (!p.found) assert.ok(ratio < 64, `16x the input cost ${ratio.toFixed(1)}x the time: ${ms.map((m) => m.toFixed(0)).join(' / ')} ms`);
    });
  }
});
