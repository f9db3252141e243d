/**
 * Preloaded (`node --require`) into each benchmarked tool: on exit, writes the process's
 * own resource usage (peak RSS, user and system CPU time) to the file named by
 * BENCH_RUSAGE_FILE. Node offers no getrusage(RUSAGE_CHILDREN), and this works for every
 * Node-based tool without /usr/bin/time.
 */
'use strict';
const fs = require('node:fs');

const file = process.env.BENCH_RUSAGE_FILE;
if (file) {
  // Only the benchmarked process reports; a child it spawns must not overwrite the file.
  delete process.env.BENCH_RUSAGE_FILE;
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, userMicros: u.userCPUTime, systemMicros: u.systemCPUTime }));
  });
}
