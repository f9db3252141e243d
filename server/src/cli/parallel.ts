import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../engine';
import { analyse, type WorkerFileResult, type WorkerInit, type WorkerReply } from './lintWorker';

/** Files per message: small enough to balance the threads, large enough that messages are few. */
const BATCH = 24;

/**
 * How many threads to analyse `files` files with (this one included): `POLICY_LINT_WORKERS`
 * when set and above 1 (at most 16), else this thread only. Threads are opt-in: on the
 * 2-CPU machine the benchmarks run on, 2 threads took 3.3-3.4 s where one took 3.0 s for
 * 2,000 files, because V8's garbage collector and compiler already keep the second CPU
 * busy (3.9 s of CPU in 3.0 s) and each thread pays for its own start and warm-up.
 */
export function workerCount(files: number, env: Record<string, string | undefined>): number {
  const set = env.POLICY_LINT_WORKERS;
  if (set === undefined || set.trim() === '' || files < 2) return 0;
  const n = Math.floor(Number(set));
  return Number.isFinite(n) && n > 1 ? Math.min(n, 16) : 0;
}

/**
 * Reads and analyses files on `threads` threads (this one and `threads - 1` workers), batch
 * by batch as each is free, and returns each file's result in the order of `files`. A worker
 * that cannot start or fails leaves its batches to this thread: the run's results never
 * depend on threads.
 */
export async function analyseInWorkers(files: string[], resolved: ResolvedConfig, threads: number): Promise<WorkerReply & { workerBatches: number }> {
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const byFile = new Map<string, WorkerFileResult>();
  const ruleFailures: WorkerReply['ruleFailures'] = [];
  const take = (reply: WorkerReply) => {
    for (const r of reply.results) byFile.set(r.file, r);
    ruleFailures.push(...reply.ruleFailures);
  };
  let next = 0;
  const leftOver: string[][] = [];
  /** Batches the workers analysed (the rest fell to this thread). */
  let workerBatches = 0;

  // This thread takes batches too, between the workers' messages: one thread fewer to start,
  // and its results need no copying.
  const here = (async () => {
    while (next < batches.length) {
      take(await analyse(resolved, batches[next++]));
      await new Promise<void>((r) => setImmediate(r)); // let the workers' results in
    }
  })();
  await Promise.all([
    here,
    ...Array.from({ length: Math.min(threads - 1, batches.length) }, () => new Promise<void>((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(path.join(__dirname, 'lintWorker.js'), { workerData: { resolved } satisfies WorkerInit });
      } catch {
        resolve(); // no thread: the batches stay for this thread
        return;
      }
      let current: string[] | undefined;
      const feed = () => {
        current = next < batches.length ? batches[next++] : undefined;
        if (current) worker.postMessage(current);
        else void worker.terminate().then(() => resolve());
      };
      worker.on('message', (reply: WorkerReply) => {
        workerBatches++;
        take(reply);
        feed();
      });
      const fail = () => {
        if (current) leftOver.push(current);
        current = undefined;
        resolve();
      };
      worker.on('error', fail);
      worker.on('exit', () => {
        if (current) fail();
        resolve();
      });
      feed();
    })),
  ]);
  // Batches a worker took and then failed on are analysed here (this thread took all the others).
  for (const batch of leftOver) take(await analyse(resolved, batch));
  return { results: files.map((f) => byFile.get(f)!), ruleFailures, workerBatches };
}
