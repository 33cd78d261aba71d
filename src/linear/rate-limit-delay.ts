// How long Linear asks us to wait after refusing a call for rate limiting, read from the error the SDK throws.
// Linear answers 429 (or a GraphQL error with code RATELIMITED) and says when to come back: Retry-After in
// seconds, or the reset time of the budget that ran out (X-RateLimit-*-Reset, epoch milliseconds).

/** The parts of an SDK LinearError this needs; typed loosely so the SDK is only loaded when Linear is used. */
interface LinearErrorLike {
  type?: unknown;
  status?: unknown;
  raw?: { response?: { status?: unknown; headers?: unknown; errors?: unknown } };
}

/** Budgets Linear reports, each with a `remaining` and a `reset` header. */
const budgets = ["requests", "complexity", "endpoint-requests"] as const;

/** When no header says how long, wait 1 s, 2 s, 4 s…: the leaky bucket refills steadily. */
const fallbackMs = (attempt: number) => 1000 * 2 ** attempt;

export function isRateLimited(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as LinearErrorLike;
  if (e.type === "Ratelimited" || e.status === 429 || e.raw?.response?.status === 429) return true;
  const errors = e.raw?.response?.errors;
  return (
    Array.isArray(errors) &&
    errors.some((g) => {
      const code = (g as { extensions?: { code?: unknown } })?.extensions?.code;
      return typeof code === "string" && code.toUpperCase() === "RATELIMITED";
    })
  );
}

/** Milliseconds to wait before attempt `attempt + 1`, or undefined when the error is not a rate limit. */
export function rateLimitDelay(error: unknown, attempt: number, now: number): number | undefined {
  if (!isRateLimited(error)) return undefined;
  const header = headerReader((error as LinearErrorLike).raw?.response?.headers);
  const retryAfter = header("retry-after");
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  // The budget that ran out decides; when none says it is empty, the latest reset is the safe choice.
  const resets = budgets.flatMap((budget) => {
    const reset = epochMs(header(`x-ratelimit-${budget}-reset`));
    if (reset === undefined) return [];
    const remaining = Number(header(`x-ratelimit-${budget}-remaining`));
    return [{ reset, empty: Number.isFinite(remaining) && remaining <= 0 }];
  });
  const chosen = resets.some((r) => r.empty) ? resets.filter((r) => r.empty) : resets;
  if (chosen.length > 0) return Math.max(0, Math.max(...chosen.map((r) => r.reset)) - now);
  return fallbackMs(attempt);
}

/** Linear documents the reset headers in epoch milliseconds; a value in seconds is accepted too. */
function epochMs(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return n < 100_000_000_000 ? n * 1000 : n;
}

function headerReader(headers: unknown): (name: string) => string | undefined {
  if (headers && typeof (headers as Headers).get === "function") {
    return (name) => (headers as Headers).get(name) ?? undefined;
  }
  if (headers && typeof headers === "object") {
    const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    return (name) => lower.get(name);
  }
  return () => undefined;
}
