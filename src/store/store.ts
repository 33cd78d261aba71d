// The one persistence port. Redis (Upstash REST or TCP) and the embedded store implement it, and one
// contract test suite holds them all to the same behaviour.
import type { RunnerJob } from "../core/effects.js";
import type { Session, SessionState, TimerKey } from "../core/session.js";

export type StoreKind = "upstash" | "redis" | "embedded";

/** One line of a session's history, for the dashboard timeline and the recovery prompt. */
export interface LogEntry {
  at: number;
  /** "event", "effect", "notification", "error", … */
  kind: string;
  summary: string;
  data?: unknown;
}

export type JobState = "queued" | "leased" | "completed" | "failed";

export interface JobRecord {
  id: string;
  /** `repo:<owner>/<name>` (any runner that has the repo) or `runner:<id>` (that runner only). */
  queue: string;
  sessionId?: string;
  payload: RunnerJob;
  state: JobState;
  /** How many times a runner has leased it; at-least-once delivery means this can exceed 1. */
  attempts: number;
  runnerId?: string;
  leaseUntil?: number;
  enqueuedAt: number;
  finishedAt?: number;
  error?: string;
}

export interface NewJob {
  id: string;
  queue: string;
  sessionId?: string;
  payload: RunnerJob;
}

export interface DueTimer {
  sessionId: string;
  key: TimerKey;
  at: number;
}

export interface RunnerRecord {
  id: string;
  name: string;
  /** sha256 of the runner's secret; the secret itself is never stored. */
  secretHash: string;
  repos: string[];
  capacity: number;
  createdAt: number;
  lastSeenAt: number;
  revoked: boolean;
}

/** Cumulative usage of one agent session for one model on one day, as a runner reports it. */
export interface CostReport {
  sessionId: string;
  repo: string;
  issueKey: string;
  agentSessionId: string;
  model: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  usd: number;
}

export interface CostTotals {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  usd: number;
}

/** The aggregates a scope (session, issue, day) keeps, split by model. */
export type CostByModel = Record<string, CostTotals>;

export type CostScope =
  | { kind: "session"; sessionId: string }
  | { kind: "issue"; repo: string; issueKey: string }
  | { kind: "day"; day: string };

export interface SessionQuery {
  repo?: string;
  states?: SessionState[];
  batchId?: string;
  /** Only the sessions of this issue ("42", "ENG-12"); with `repo`, read through the issue index. */
  issueKey?: string;
  /** Only sessions with effects still in their outbox (the sweep finishes them). */
  withOutbox?: boolean;
}

/** An update function for updateSession: return undefined to leave the session as it is. */
export type SessionUpdate<T> = (current: Session) => { session: Session; result: T } | undefined;

export interface Store {
  readonly kind: StoreKind;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;

  // Sessions, with indexes by issue, branch and PR kept in step on every write.
  createSession(session: Session): Promise<boolean>;
  getSession(id: string): Promise<Session | undefined>;
  /**
   * Atomic read-modify-write. `update` may run more than once when writers race; only the winning run's
   * result is returned. Undefined when the session does not exist or the update declined to change it.
   */
  updateSession<T>(
    id: string,
    update: SessionUpdate<T>,
  ): Promise<{ session: Session; result: T } | undefined>;
  listSessions(query?: SessionQuery): Promise<Session[]>;
  /** The newest session for an issue ("42" or "ENG-12") in a repo. */
  findSessionByIssue(repo: string, issueKey: string): Promise<Session | undefined>;
  findSessionByBranch(repo: string, branch: string): Promise<Session | undefined>;
  findSessionByPr(repo: string, prNumber: number): Promise<Session | undefined>;

  // Per-session event log, capped to the newest `max` entries.
  appendLog(sessionId: string, entries: LogEntry[], max?: number): Promise<void>;
  readLog(sessionId: string, limit?: number): Promise<LogEntry[]>;

  // Runner job queue with leases (visibility timeout, at-least-once).
  enqueueJob(job: NewJob, now: number): Promise<void>;
  /**
   * Leases up to `max` queued jobs from `queues` (oldest first) to `runnerId` until now + leaseMs. Jobs
   * whose lease expired are queued again first; a job leased `maxAttempts` times without finishing fails.
   */
  leaseJobs(
    runnerId: string,
    queues: string[],
    max: number,
    leaseMs: number,
    now: number,
    maxAttempts?: number,
  ): Promise<JobRecord[]>;
  /** Extends the leases `runnerId` holds on `jobIds`; returns the ids it still holds. */
  extendLeases(runnerId: string, jobIds: string[], leaseMs: number, now: number): Promise<string[]>;
  /** Finishes a job this runner holds; false when it holds no lease on it (expired, or someone else's). */
  finishJob(
    runnerId: string,
    jobId: string,
    outcome: { ok: true } | { ok: false; error: string },
    now: number,
  ): Promise<boolean>;
  getJob(id: string): Promise<JobRecord | undefined>;
  listJobs(query?: { sessionId?: string; states?: JobState[] }): Promise<JobRecord[]>;

  /** Records a webhook delivery id; true the first time, false for a redelivery within `ttlMs`. */
  markDelivery(id: string, ttlMs: number): Promise<boolean>;

  // Short-lived lists: notification digests and per-channel delivery receipts, shared by every instance.
  /**
   * Appends `items` to the list `key` and makes the whole list expire `ttlMs` after this append; the list
   * keeps its newest `listMaxItems`. Returns the list's length after the append (1 for the first item).
   */
  appendToList(key: string, items: string[], ttlMs: number): Promise<number>;
  /** The items of the list `key`, oldest first; [] when it never existed or has expired. */
  readList(key: string): Promise<string[]>;

  // Timers: a session's deadlines, woken by the sweep.
  scheduleTimer(sessionId: string, key: TimerKey, at: number): Promise<void>;
  cancelTimer(sessionId: string, key: TimerKey): Promise<void>;
  /** Removes and returns timers due at `now` (each is handed out once). */
  takeDueTimers(now: number, limit: number): Promise<DueTimer[]>;

  /** A lock with expiry, for work that must not run twice at once (the sweep). Returns a token or undefined. */
  acquireLock(name: string, ttlMs: number): Promise<string | undefined>;
  releaseLock(name: string, token: string): Promise<void>;

  // Cost aggregates; a repeated or older report adds nothing.
  recordCost(report: CostReport): Promise<void>;
  readCost(scope: CostScope): Promise<CostByModel>;
  /**
   * Days (YYYY-MM-DD) with their costs by model, inclusive range: of every repo, or only of the repos these
   * accounts (owners, any case) own.
   */
  readCostByDay(
    fromDay: string,
    toDay: string,
    accounts?: readonly string[],
  ): Promise<Record<string, CostByModel>>;
  /** Every issue with recorded cost: "owner/name#key" → costs by model. */
  readCostByIssue(): Promise<Record<string, CostByModel>>;

  // Runners.
  saveRunner(runner: RunnerRecord): Promise<void>;
  getRunner(id: string): Promise<RunnerRecord | undefined>;
  listRunners(): Promise<RunnerRecord[]>;
}
