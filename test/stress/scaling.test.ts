import * as assert from 'node:assert/strict';
import { analyse } from '../unit/robustness/support/analyse';
import { PATHOLOGICAL } from '../unit/robustness/support/pathological';

/**
 * Each pathological input at 1x, 4x and 16x its base size. Time is compared with the growth
 * in characters (deep indentation grows as n squared): a linear engine costs about as many
 * times more as there are more characters, a quadratic one that squared. Inputs already pinned
 * as regressions are measured at 1x and 4x only (16x of a quadratic case would take minutes)
 * and reported, not asserted.
 */
function minMs(text: string, config: ReturnType<NonNullable<(typeof PATHOLOGICAL)[number]['config']>> | undefined): number {
  let best = Infinity;
  for (let i = 0; i < 2; i++) best = Math.min(best, analyse(text, config).ms);
  return best;
}

describe('stress: analysis time grows linearly with input size', () => {
  const rows: string[] = [];
  after(() => {
    console.log(`\n${'input'.padEnd(72)} ${'1x ms'.padStart(8)} ${'4x ms'.padStart(8)} ${'16x ms'.padStart(8)} ${'time x'.padStart(7)} ${'chars x'.padStart(8)}`);
    for (const r of rows) console.log(r);
  });
  for (const p of PATHOLOGICAL) {
    const sizes = p.found ? [1, 4] : [1, 4, 16];
    it(`${p.name}: ${sizes.map((k) => `${k}x`).join(', ')}`, () => {
      const config = p.config?.();
      const texts = sizes.map((k) => p.make(p.scaleBase * k));
      const ms = texts.map((t) => minMs(t, config));
      const ratio = ms[ms.length - 1] / Math.max(ms[0], 1);
      const chars = texts[texts.length - 1].length / Math.max(1, texts[0].length);
      rows.push(`${(p.found ? `[known] ${p.name}` : p.name).padEnd(72)} ${ms.map((m) => m.toFixed(0).padStart(8)).join(' ')}${p.found ? ' '.repeat(9) : ''} ${ratio.toFixed(1).padStart(7)} ${chars.toFixed(1).padStart(8)}`);
      // 4x the character growth: far from quadratic (16x the characters would cost 256x), with room for noise.
      if (!p.found) assert.ok(ratio < 4 * chars, `${chars.toFixed(1)}x the characters cost ${ratio.toFixed(1)}x the time: ${ms.map((m) => m.toFixed(0)).join(' / ')} ms`);
    });
  }
});
