/**
 * A unified diff of two texts, for `--fix-dry-run`. Fixes change lines here and there in
 * texts that are otherwise equal, so the work is kept proportional to the text plus the
 * changes: the common prefix and suffix are skipped; the middle is compared with Myers'
 * algorithm while the number of differences stays small (exact, minimal diffs for
 * ordinary fix sets); past that (a huge file with tens of thousands of fixes) the texts
 * are walked side by side, each difference is resynchronised at the nearest equal line
 * pair, and only the small block between is compared with Myers. Either way the output
 * is a correct patch: equal lines are only ever paired with equal lines.
 */

type Op = { kind: ' ' | '-' | '+'; line: string };

const CONTEXT = 3;
/** Differences up to which the whole middle is compared exactly (memory and time grow with their square). */
const EXACT_MAX_DIFFERENCES = 1000;
/** How far (lines on both sides together) a difference is searched past for an equal line pair. */
const RESYNC_RADIUS = 256;

export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string): string {
  if (oldText === newText) return '';
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const ops = diffLines(a, b);
  return `${[`--- ${oldName}`, `+++ ${newName}`, ...hunks(ops)].join('\n')}\n`;
}

/** Lines without their terminators; a final line break does not make an empty last line. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The edit script turning `a` into `b`, line by line. */
export function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const middle = myers(am, bm, EXACT_MAX_DIFFERENCES) ?? resynchronised(am, bm);
  const ops: Op[] = [];
  for (let i = 0; i < pre; i++) ops.push({ kind: ' ', line: a[i] });
  for (const o of middle) ops.push(o);
  for (let i = a.length - suf; i < a.length; i++) ops.push({ kind: ' ', line: a[i] });
  return ops;
}

/**
 * Walks both texts; at a difference, finds the nearest pair of equal lines (fewest lines
 * skipped on both sides together, up to RESYNC_RADIUS) and diffs the block before it
 * exactly. Linear in the text for changes that are local, as fixes are.
 */
function resynchronised(a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++] });
      j++;
      continue;
    }
    const [x, y] = nearestEqualPair(a, b, i, j);
    for (const o of myers(a.slice(i, i + x), b.slice(j, j + y), Infinity)!) ops.push(o);
    i += x;
    j += y;
  }
  return ops;
}

/** Lines to skip in `a` and `b` from (i, j) to reach an equal pair or both ends; a block of at most the radius otherwise. */
function nearestEqualPair(a: string[], b: string[], i: number, j: number): [number, number] {
  const restA = a.length - i;
  const restB = b.length - j;
  for (let k = 1; k <= RESYNC_RADIUS; k++) {
    for (let x = Math.max(0, k - restB); x <= Math.min(k, restA); x++) {
      const y = k - x;
      if (x === restA && y === restB) return [x, y];
      if (x < restA && y < restB && a[i + x] === b[j + y]) return [x, y];
    }
  }
  return [Math.min(RESYNC_RADIUS, restA), Math.min(RESYNC_RADIUS, restB)];
}

/**
 * Myers' O((N+M)·D) shortest edit script, or undefined when more than `maxD` differences
 * are needed. Only the live part of each step's frontier is kept for the walk back, so
 * memory grows with D², not with (N+M)·D.
 */
function myers(a: string[], b: string[], maxD: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [...a.map((line) => ({ kind: '-' as const, line })), ...b.map((line) => ({ kind: '+' as const, line }))];
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  /** trace[d][k + d] is v[k] before step d, for k in -d..d. */
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  if (!done) return undefined;
  // Walk the trace back from the end to recover the edit script.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const row = trace[d];
    const at = (k: number) => row[k + d];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] });
      y--;
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  return ops.reverse();
}

function hunks(ops: Op[]): string[] {
  const out: string[] = [];
  const changed: number[] = [];
  for (let i = 0; i < ops.length; i++) if (ops[i].kind !== ' ') changed.push(i);
  // Line numbers before op `at`, advanced as hunks go forward (never recounted from the start).
  let at = 0;
  let oldLine = 1;
  let newLine = 1;
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i] - CONTEXT);
    let end = changed[i];
    // Changes closer than twice the context share a hunk.
    while (i + 1 < changed.length && changed[i + 1] - end <= 2 * CONTEXT) end = changed[++i];
    end = Math.min(ops.length - 1, end + CONTEXT);
    i++;
    for (; at < start; at++) {
      if (ops[at].kind !== '+') oldLine++;
      if (ops[at].kind !== '-') newLine++;
    }
    let oldLen = 0;
    let newLen = 0;
    const header = out.push('') - 1;
    for (let j = start; j <= end; j++) {
      const o = ops[j];
      if (o.kind !== '+') oldLen++;
      if (o.kind !== '-') newLen++;
      out.push(`${o.kind}${o.line}`);
    }
    out[header] = `@@ -${oldLen ? oldLine : oldLine - 1},${oldLen} +${newLen ? newLine : newLine - 1},${newLen} @@`;
  }
  return out;
}
