/**
 * `setImmediate` for a browser worker. Parts of the language server shared with the Node
 * build (the diagnostics scheduler) yield to the event loop with it; a worker has none.
 * A message channel task runs as soon as queued messages are handled, like Node's; a
 * setTimeout(0) would be clamped to 4 ms when nested.
 */
const scope = globalThis as unknown as { setImmediate?: (callback: () => void) => unknown };

/** A browser MessagePort (Node's typings describe worker_threads' instead). */
interface BrowserPort {
  onmessage: (() => void) | null;
  postMessage(message: unknown): void;
}

if (typeof scope.setImmediate !== 'function') {
  const channel = new MessageChannel() as unknown as { port1: BrowserPort; port2: BrowserPort };
  const queue: Array<() => void> = [];
  channel.port1.onmessage = () => queue.shift()?.();
  scope.setImmediate = (callback: () => void) => {
    queue.push(callback);
    channel.port2.postMessage(undefined);
    return queue.length;
  };
}
