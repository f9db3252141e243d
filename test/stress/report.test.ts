import { formatTallies, scale, seed, tallies } from '../unit/robustness/support/runProperty';

/** A root-level hook: after every stress spec, print what was tried and what failed. */
after(() => {
  console.log(`\nRobustness stress run: scale ${scale()}x the default runs, seed ${seed()} (set ROBUSTNESS_SEED to replay).`);
  console.log(formatTallies(tallies));
  console.log(`${tallies.length} properties, ${tallies.reduce((a, t) => a + t.runs, 0)} inputs tried, ${tallies.reduce((a, t) => a + t.failures, 0)} failing.`);
});
