// Sizes both sides of the runner protocol agree on: the app refuses bigger bodies (413), and the runner
// batches and trims what it sends so it never hits those limits.
export const bodyLimits = {
  register: 16 * 1024,
  poll: 64 * 1024,
  heartbeat: 64 * 1024,
  events: 1024 * 1024,
  admin: 256 * 1024,
} as const;

/** Events in one batch; the runner sends more as further batches. */
export const maxEventsPerBatch = 200;

/** An output tail is for a glance on the dashboard, not a transcript. */
export const maxOutputLines = 200;
export const maxOutputChars = 16_000;

/** Longest agent message (needs-input question, self-report) kept in an event. */
export const maxMessageChars = 8_000;

/** How long a leased job stays with a runner unless it heartbeats; the runner asks within these bounds. */
export const leaseBounds = { minMs: 2_000, maxMs: 10 * 60_000, defaultMs: 60_000 } as const;

/** Poll hints: a runner with work to pick up polls fast, a busy one often, an idle one rarely. */
export const pollAfter = { jobsWaitingMs: 250, busyMs: 2_000, idleMs: 10_000 } as const;
