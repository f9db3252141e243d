/**
 * Node flags the language server is started with (by the VS Code client, and by
 * `npm run measure:server`, so the benchmark measures what users run). Measured with
 * `npm run measure:server -- --only index --node-args "…"` on 2,000 documents: without
 * them the server's resident memory after indexing was 280–300 MB for a live heap of
 * 75 MB, because V8 keeps the heap it grew while indexing.
 * - A young generation of 4 MB instead of 16 (per semi-space): short-lived analysis
 *   objects die there either way; about 25 MB less resident memory.
 * - An old-space limit of 1.5 GB instead of a quarter of the machine's memory (up to
 *   4 GB): V8 grows the heap less eagerly below a smaller limit. 1.5 GB still holds
 *   about 30,000 indexed documents (about 40 KB each).
 * - `gc` exposed, so the server can collect once after indexing (`releaseMemory`): the
 *   garbage of analysing thousands of documents is returned at once, not left for the
 *   next keystrokes to pay for.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--max-old-space-size=1536', '--expose-gc'];

/**
 * Two full garbage collections, when the server was started with `--expose-gc`; otherwise
 * nothing. The second gives back the pages the first one emptied by compacting: resident
 * memory after indexing 2,000 generated documents went from 201–222 MB with one to
 * 158–183 MB with two (`npm run measure:server -- --only index`, three runs each).
 */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}
