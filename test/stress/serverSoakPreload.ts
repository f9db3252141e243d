/**
 * Preloaded (`node --expose-gc -r`) into the language server by the server soak test only:
 * on SIGUSR2 it collects garbage and says so on stderr, so the test reads memory that is
 * live, not garbage waiting for a collection. The product has no such hook.
 */
process.on('SIGUSR2', () => {
  (global as { gc?: () => void }).gc?.();
  process.stderr.write(`${SERVER_SOAK_GC_DONE}\n`);
});

export const SERVER_SOAK_GC_DONE = 'policy-lint-soak: gc done';
