// zod schemas for what the stores read back (Redis values, the embedded file), so a corrupt record gives a
// clear error instead of crashing the app somewhere far from the store.
import { z } from "zod";
import { type Session, sessionStates, timerKeys } from "../core/session.js";
import { runnerJobSchema } from "../protocol/jobs.js";
import type { JobRecord, LogEntry, RunnerRecord } from "./store.js";
import { StoreDataError, type StoreErrorContext } from "./store-errors.js";

export const jobRecordSchema = z.object({
  id: z.string(),
  queue: z.string(),
  sessionId: z.string().optional(),
  payload: runnerJobSchema,
  state: z.enum(["queued", "leased", "completed", "failed"]),
  attempts: z.number().int().nonnegative(),
  runnerId: z.string().optional(),
  leaseUntil: z.number().optional(),
  enqueuedAt: z.number(),
  finishedAt: z.number().optional(),
  error: z.string().optional(),
});
const _jobMatches: (job: z.infer<typeof jobRecordSchema>) => JobRecord = (job) => job;

export const runnerRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  secretHash: z.string(),
  repos: z.array(z.string()),
  capacity: z.number(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  revoked: z.boolean(),
});
const _runnerMatches: (runner: z.infer<typeof runnerRecordSchema>) => RunnerRecord = (runner) => runner;

export const logEntrySchema = z.object({
  at: z.number(),
  kind: z.string(),
  summary: z.string(),
  data: z.unknown().optional(),
});
const _logMatches: (entry: z.infer<typeof logEntrySchema>) => LogEntry = (entry) => entry;

/**
 * The core owns the full shape of a session; the store checks the fields it indexes and sorts on, so a
 * record that would break the indexes or the lifecycle's dispatch on `state` is caught here.
 */
export const sessionSchema = z.looseObject({
  id: z.string(),
  repo: z.string(),
  state: z.enum(sessionStates),
  branch: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  batchId: z.string().optional(),
  issue: z.looseObject({ key: z.string() }),
  pr: z.looseObject({ number: z.number() }).optional(),
  agentFacts: z.looseObject({}),
  memory: z.looseObject({}),
});

export const timerKeySchema = z.enum(timerKeys);

/** Parses a value read back from a store, or throws a StoreDataError naming the record and what was wrong. */
export function parseRecord<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
  context: StoreErrorContext,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new StoreDataError(
    `${what} in the ${context.store} store is not valid: ${z.prettifyError(parsed.error)}\n` +
      "It was not written by this version of Drover, or it was changed by hand. Fix or delete that record.",
    context,
    { cause: parsed.error },
  );
}

/** Parses a session read back from a store (see sessionSchema for how much is checked). */
export function parseSession(value: unknown, context: StoreErrorContext): Session {
  return parseRecord(sessionSchema, value, "A session", context) as unknown as Session;
}

/** JSON.parse with a StoreDataError instead of a bare SyntaxError. */
export function parseJson(text: string, what: string, context: StoreErrorContext): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StoreDataError(
      `${what} in the ${context.store} store is not valid JSON (${(error as Error).message}). ` +
        "Fix or delete that record.",
      context,
      { cause: error },
    );
  }
}
