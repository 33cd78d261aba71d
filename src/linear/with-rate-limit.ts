// Every Linear API call goes through this: when Linear says "rate limited" it waits as long as Linear asks and
// tries again, a bounded number of times. A wait longer than a request can afford (a serverless function has
// seconds) is not slept through: the call fails with the time to come back, and the session's outbox retries.
import { rateLimitDelay } from "./rate-limit-delay.js";

export interface RateLimitOptions {
  /** Injectable so tests can see the delays without waiting them out. */
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The longest single wait slept through in-process. */
  maxWaitMs: number;
  onWait?: (info: { what: string; attempt: number; waitMs: number }) => void;
}

export const defaultRateLimitOptions: RateLimitOptions = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: Date.now,
  maxRetries: 3,
  maxWaitMs: 15_000,
};

/** Linear kept refusing, or asked for a longer wait than we sleep through; `retryAt` says when to try again. */
export class LinearRateLimitedError extends Error {
  constructor(
    readonly what: string,
    readonly retryAt: number,
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(
      `Linear is rate limiting Drover (${what}) after ${attempts} attempt${attempts === 1 ? "" : "s"}; ` +
        `it can be tried again after ${new Date(retryAt).toISOString()}, and the session's outbox will retry it.`,
    );
    this.name = "LinearRateLimitedError";
  }
}

export async function withRateLimit<T>(
  what: string,
  call: () => Promise<T>,
  options: RateLimitOptions = defaultRateLimitOptions,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const waitMs = rateLimitDelay(error, attempt, options.now());
      if (waitMs === undefined) throw error;
      if (attempt >= options.maxRetries || waitMs > options.maxWaitMs) {
        throw new LinearRateLimitedError(what, options.now() + waitMs, attempt + 1, error);
      }
      options.onWait?.({ what, attempt: attempt + 1, waitMs });
      await options.sleep(waitMs);
    }
  }
}
