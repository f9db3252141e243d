import { applyEdits, safeEdits } from '../engine';
import { writeFileAtomic } from '../node/atomicWrite';
import type { LintDocument, LintSession } from './session';

export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  /** Passes that changed something. */
  passes: number;
  /** Edits applied over all passes. */
  applied: number;
  /** Safe fixes were still pending when the pass limit was reached (fixes undoing each other). */
  limitReached: boolean;
  /** Documents whose fixed text made the analysis fail; their fixes were rolled back. */
  rolledBack: string[];
}

/**
 * Applies every finding's safe fix in memory, re-analyses, and repeats until no safe fix
 * changes anything (a fix can reveal or settle another finding, across files too), at most
 * `MAX_FIX_PASSES` times. Each pass computes every document's edits from the same state
 * of the project before updating any of them.
 */
export function fixInMemory(session: LintSession): FixOutcome {
  const outcome: FixOutcome = { passes: 0, applied: 0, limitReached: false, rolledBack: [] };
  const frozen = new Set<string>();
  for (let pass = 1; ; pass++) {
    const changes: { uri: string; text: string; applied: number }[] = [];
    for (const doc of session.documents()) {
      if (frozen.has(doc.uri)) continue;
      const edits = safeEdits(session.findingsFor(doc.uri));
      if (!edits.length) continue;
      const { text, applied } = applyEdits(doc.text, edits);
      if (text !== doc.text) changes.push({ uri: doc.uri, text, applied });
    }
    if (!changes.length) break;
    if (pass > MAX_FIX_PASSES) {
      outcome.limitReached = true;
      break;
    }
    outcome.passes = pass;
    for (const c of changes) {
      if (session.update(c.uri, c.text)) {
        outcome.applied += c.applied;
      } else {
        frozen.add(c.uri);
        outcome.rolledBack.push(c.uri);
      }
    }
  }
  return outcome;
}

/** Documents whose text differs from the file on disk: the only files a fix may write. */
export function changedDocuments(session: LintSession): LintDocument[] {
  return session.documents().filter((d) => d.text !== d.original);
}

export interface WriteFailure {
  file: string;
  message: string;
}

/**
 * Writes the changed documents back, each atomically; a failed write leaves that file
 * untouched. A file whose content on disk is no longer what was read (saved meanwhile by
 * an editor or another tool) is not overwritten either: it is reported as a failure.
 * Documents that could not be read or analysed are not in the session, so never written.
 */
export async function writeFixedFiles(docs: LintDocument[]): Promise<WriteFailure[]> {
  const failures: WriteFailure[] = [];
  let next = 0;
  // A bounded number of writes at a time: thousands of open files at once would hit EMFILE.
  const worker = async () => {
    while (next < docs.length) {
      const d = docs[next++];
      try {
        const bom = d.bom ? '\uFEFF' : '';
        await writeFileAtomic(d.file, bom + d.text, { expected: bom + d.original });
        d.original = d.text;
      } catch (e) {
        failures.push({ file: d.file, message: (e as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, docs.length) }, worker));
  return failures;
}
