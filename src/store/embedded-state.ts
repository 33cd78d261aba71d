// What the embedded store holds, in memory (Maps) and in its JSON file, and the conversion between the two.
// The file is validated with zod on load: it is hand-editable and outlives Drover versions.
import { z } from "zod";
import type { Session } from "../core/session.js";
import { type CostCounters, costCounterFields } from "./cost-counters.js";
import {
  jobRecordSchema,
  logEntrySchema,
  runnerRecordSchema,
  sessionSchema,
  timerKeySchema,
} from "./record-schemas.js";
import type { DueTimer, JobRecord, LogEntry, RunnerRecord } from "./store.js";
import { timerMember } from "./timer-member.js";

/** A job plus its place in the queue order (jobs enqueued in the same millisecond keep their order). */
export type StoredJob = JobRecord & { seq: number };

export interface CostSeenKey {
  agentSessionId: string;
  model: string;
  day: string;
}

export interface EmbeddedState {
  sessions: Map<string, Session>;
  logs: Map<string, LogEntry[]>;
  jobs: Map<string, StoredJob>;
  jobSeq: number;
  /** Delivery id → when it may be seen again (epoch ms). */
  deliveries: Map<string, number>;
  /** Short-lived lists (appendToList): name → items and when the list expires (epoch ms). */
  lists: Map<string, { items: string[]; expiresAt: number }>;
  /** timerMember(sessionId, key) → timer. */
  timers: Map<string, DueTimer>;
  locks: Map<string, { token: string; expiresAt: number }>;
  /** JSON.stringify([agentSessionId, model, day]) → last cumulative totals seen. */
  costSeen: Map<string, CostCounters>;
  costBySession: Map<string, Map<string, CostCounters>>;
  costByIssue: Map<string, Map<string, CostCounters>>;
  costByDay: Map<string, Map<string, CostCounters>>;
  /** Account (repo owner, lower case) → day → model → totals. */
  costByAccountDay: Map<string, Map<string, Map<string, CostCounters>>>;
  runners: Map<string, RunnerRecord>;
}

export function emptyState(): EmbeddedState {
  return {
    sessions: new Map(),
    logs: new Map(),
    jobs: new Map(),
    jobSeq: 0,
    deliveries: new Map(),
    lists: new Map(),
    timers: new Map(),
    locks: new Map(),
    costSeen: new Map(),
    costBySession: new Map(),
    costByIssue: new Map(),
    costByDay: new Map(),
    costByAccountDay: new Map(),
    runners: new Map(),
  };
}

export function costSeenKey(key: CostSeenKey): string {
  return JSON.stringify([key.agentSessionId, key.model, key.day]);
}

const countersSchema = z.object(
  Object.fromEntries(costCounterFields.map((field) => [field, z.number().int().nonnegative()])) as Record<
    keyof CostCounters,
    z.ZodNumber
  >,
);
const costByModelSchema = z.record(z.string(), countersSchema);

export const fileFormat = "drover-embedded-store";
export const fileVersion = 1;

export const stateFileSchema = z.object({
  format: z.literal(fileFormat),
  version: z.literal(fileVersion),
  sessions: z.array(sessionSchema),
  logs: z.record(z.string(), z.array(logEntrySchema)),
  jobs: z.array(jobRecordSchema.extend({ seq: z.number().int().nonnegative() })),
  jobSeq: z.number().int().nonnegative(),
  deliveries: z.record(z.string(), z.number()),
  // Files written before lists existed have none.
  lists: z.record(z.string(), z.object({ items: z.array(z.string()), expiresAt: z.number() })).default({}),
  timers: z.array(z.object({ sessionId: z.string(), key: timerKeySchema, at: z.number() })),
  locks: z.record(z.string(), z.object({ token: z.string(), expiresAt: z.number() })),
  cost: z.object({
    seen: z.array(
      z.object({ agentSessionId: z.string(), model: z.string(), day: z.string(), counters: countersSchema }),
    ),
    bySession: z.record(z.string(), costByModelSchema),
    byIssue: z.record(z.string(), costByModelSchema),
    byDay: z.record(z.string(), costByModelSchema),
    // Files written before costs were kept per account have none.
    byAccountDay: z.record(z.string(), z.record(z.string(), costByModelSchema)).default({}),
  }),
  runners: z.array(runnerRecordSchema),
});
export type StateFile = z.infer<typeof stateFileSchema>;

const nested = (byScope: Map<string, Map<string, CostCounters>>) =>
  Object.fromEntries([...byScope].map(([scope, byModel]) => [scope, Object.fromEntries(byModel)]));
const unnested = (byScope: Record<string, Record<string, CostCounters>>) =>
  new Map(Object.entries(byScope).map(([scope, byModel]) => [scope, new Map(Object.entries(byModel))]));

/** The file's content; expired deliveries, lists and locks are dropped, they mean nothing any more. */
export function toFile(state: EmbeddedState, now: number): StateFile {
  return {
    format: fileFormat,
    version: fileVersion,
    sessions: [...state.sessions.values()] as unknown as StateFile["sessions"],
    logs: Object.fromEntries(state.logs),
    jobs: [...state.jobs.values()],
    jobSeq: state.jobSeq,
    deliveries: Object.fromEntries([...state.deliveries].filter(([, expiresAt]) => expiresAt > now)),
    lists: Object.fromEntries([...state.lists].filter(([, list]) => list.expiresAt > now)),
    timers: [...state.timers.values()],
    locks: Object.fromEntries([...state.locks].filter(([, lock]) => lock.expiresAt > now)),
    cost: {
      seen: [...state.costSeen].map(([key, counters]) => {
        const [agentSessionId, model, day] = JSON.parse(key) as [string, string, string];
        return { agentSessionId, model, day, counters };
      }),
      bySession: nested(state.costBySession),
      byIssue: nested(state.costByIssue),
      byDay: nested(state.costByDay),
      byAccountDay: Object.fromEntries(
        [...state.costByAccountDay].map(([account, byDay]) => [account, nested(byDay)]),
      ),
    },
    runners: [...state.runners.values()],
  };
}

export function fromFile(file: StateFile): EmbeddedState {
  return {
    sessions: new Map(file.sessions.map((session) => [session.id, session as unknown as Session])),
    logs: new Map(Object.entries(file.logs)),
    jobs: new Map(file.jobs.map((job) => [job.id, job])),
    jobSeq: file.jobSeq,
    deliveries: new Map(Object.entries(file.deliveries)),
    lists: new Map(Object.entries(file.lists)),
    timers: new Map(file.timers.map((timer) => [timerMember(timer.sessionId, timer.key), timer])),
    locks: new Map(Object.entries(file.locks)),
    costSeen: new Map(file.cost.seen.map((seen) => [costSeenKey(seen), seen.counters])),
    costBySession: unnested(file.cost.bySession),
    costByIssue: unnested(file.cost.byIssue),
    costByDay: unnested(file.cost.byDay),
    costByAccountDay: new Map(
      Object.entries(file.cost.byAccountDay).map(([account, byDay]) => [account, unnested(byDay)]),
    ),
    runners: new Map(file.runners.map((runner) => [runner.id, runner])),
  };
}
