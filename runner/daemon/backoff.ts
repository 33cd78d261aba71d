// Retry delays after a failure: exponential with full jitter, so many runners knocked off by one outage do not
// all come back in the same instant.
export interface Backoff {
  /** The delay before the next attempt (and counts the failure). */
  next(): number;
  reset(): void;
  readonly failures: number;
}

export function createBackoff(
  options: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): Backoff {
  const base = options.baseMs ?? 250;
  const max = options.maxMs ?? 30_000;
  const random = options.random ?? Math.random;
  let failures = 0;
  return {
    next() {
      const ceiling = Math.min(max, base * 2 ** failures);
      failures += 1;
      // Never below a fraction of the base, so a tight loop cannot form.
      return Math.max(base / 4, Math.round(random() * ceiling));
    },
    reset() {
      failures = 0;
    },
    get failures() {
      return failures;
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
