/**
 * A worker thread of a parallel CLI run: reads the files it is given, analyses each, and
 * sends back their facts (what the main thread's project needs) and document findings.
 * The main thread runs the project-scope rules over every document; see parallel.ts.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Project, type DocumentFacts, type ResolvedConfig } from '../engine';
import { readTextFileSync } from '../node/readTextFiles';
import { fileUri } from './paths';

export type WorkerFileResult =
  | { file: string; ok: true; bom: boolean; facts: DocumentFacts }
  | { file: string; ok: true; bom: boolean; text: string; failure: string }
  | { file: string; ok: false; message: string };

export interface WorkerReply {
  results: WorkerFileResult[];
  /** Rules that threw on a file (the rule was skipped there). */
  ruleFailures: Array<{ file: string; message: string }>;
}

export interface WorkerInit {
  resolved: ResolvedConfig;
}

function main(): void {
  const port = parentPort;
  if (!port) return;
  const { resolved } = workerData as WorkerInit;
  port.on('message', (files: string[]) => {
    void analyse(resolved, files).then((reply) => port.postMessage(reply));
  });
}

/** Analyses one batch in a project of its own, so nothing of it stays in memory afterwards. */
export async function analyse(resolved: ResolvedConfig, files: string[]): Promise<WorkerReply> {
  const project = new Project(resolved, { shareSentenceAnalyses: true });
  const uris = files.map(fileUri);
  const ruleFailures: WorkerReply['ruleFailures'] = [];
  const fileOf = new Map(uris.map((u, i) => [u, files[i]]));
  project.onRuleError = (e) => ruleFailures.push({ file: fileOf.get(e.uri) ?? e.uri, message: `rule ${e.ruleId} failed and was skipped for this file: ${e.error instanceof Error ? e.error.message : String(e.error)}` });
  const results: WorkerFileResult[] = [];
  files.forEach((file, i) => {
    const r = readTextFileSync(file);
    if (!r.ok) {
      results.push({ file: r.file, ok: false, message: r.message });
      return;
    }
    try {
      project.upsert(uris[i], r.text, { trackAffected: false });
      results.push({ file: r.file, ok: true, bom: r.bom, facts: project.facts(uris[i])! });
    } catch (e) {
      results.push({ file: r.file, ok: true, bom: r.bom, text: r.text, failure: e instanceof Error ? e.message : String(e) });
    }
  });
  return { results, ruleFailures };
}

// Only as a worker: the main thread imports `analyse` from here for its fallback.
if (!isMainThread) main();
