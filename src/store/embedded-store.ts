// The Store in process memory, for local runs without Redis (`drover serve` with no REDIS_URL). Every
// operation runs to completion without awaiting, so each is atomic as Redis scripts are; with a file the
// state survives restarts. Deliveries and locks expire by this machine's clock, as Redis's by its own.
import { randomUUID } from "node:crypto";
import type { Session, TimerKey } from "../core/session.js";
import {
  addCounters,
  type CostCounters,
  costAccount,
  costByModelOf,
  countersOf,
  hasCost,
  issueCostKey,
  newCost,
  zeroCounters,
} from "./cost-counters.js";
import type { CoalescingWriter } from "./embedded-file.js";
import { costSeenKey, type EmbeddedState, type StoredJob, toFile } from "./embedded-state.js";
import { matchesQuery, oldestFirst } from "./session-query.js";
import type {
  CostByModel,
  CostReport,
  CostScope,
  DueTimer,
  JobRecord,
  JobState,
  LogEntry,
  NewJob,
  RunnerRecord,
  SessionQuery,
  SessionUpdate,
  Store,
} from "./store.js";
import { StoreError, type StoreErrorContext, StoreUsageError } from "./store-errors.js";
import { defaultMaxAttempts, listMaxItems, logLimit, logMax, ttlMillis } from "./store-limits.js";
import { timerMember } from "./timer-member.js";

function jobRecord(job: StoredJob): JobRecord {
  const { seq: _seq, ...record } = structuredClone(job);
  return record;
}

function newest(sessions: Iterable<Session>, matches: (session: Session) => boolean): Session | undefined {
  let found: Session | undefined;
  for (const session of sessions) {
    if (matches(session) && (found === undefined || oldestFirst(session, found) > 0)) found = session;
  }
  return found === undefined ? undefined : structuredClone(found);
}

export class EmbeddedStore implements Store {
  readonly kind = "embedded" as const;
  private closed = false;
  private marksSinceSweep = 0;
  private appendsSinceSweep = 0;

  /** `writer` is absent for a store that lives in memory only. */
  constructor(
    private readonly state: EmbeddedState,
    private readonly writer?: CoalescingWriter,
  ) {}

  /** The JSON the file holds; the writer calls it when it writes. */
  static snapshot(state: EmbeddedState): string {
    return `${JSON.stringify(toFile(state, Date.now()), null, 1)}\n`;
  }

  private context(operation: string): StoreErrorContext {
    return { store: "embedded", operation };
  }

  private open(operation: string): EmbeddedState {
    if (this.closed)
      throw new StoreError(
        `The embedded store is closed; ${operation} was called after close().`,
        this.context(operation),
      );
    return this.state;
  }

  private changed(): void {
    this.writer?.changed();
  }

  async ping(): Promise<void> {
    this.open("ping");
    if (this.writer?.failure) throw this.writer.failure;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer?.flush();
  }

  async createSession(session: Session): Promise<boolean> {
    const state = this.open("createSession");
    if (state.sessions.has(session.id)) return false;
    state.sessions.set(session.id, structuredClone(session));
    this.changed();
    return true;
  }

  async getSession(id: string): Promise<Session | undefined> {
    const session = this.open("getSession").sessions.get(id);
    return session === undefined ? undefined : structuredClone(session);
  }

  async updateSession<T>(
    id: string,
    update: SessionUpdate<T>,
  ): Promise<{ session: Session; result: T } | undefined> {
    const state = this.open("updateSession");
    const current = state.sessions.get(id);
    if (current === undefined) return undefined;
    const outcome = update(structuredClone(current));
    if (outcome === undefined) return undefined;
    if (outcome.session.id !== id) {
      throw new StoreUsageError(
        `An update of session ${id} returned session ${outcome.session.id}; an update may not change the id.`,
        this.context("updateSession"),
      );
    }
    state.sessions.set(id, structuredClone(outcome.session));
    this.changed();
    return outcome;
  }

  async listSessions(query: SessionQuery = {}): Promise<Session[]> {
    return [...this.open("listSessions").sessions.values()]
      .filter((session) => matchesQuery(session, query))
      .sort(oldestFirst)
      .map((session) => structuredClone(session));
  }

  async findSessionByIssue(repo: string, issueKey: string): Promise<Session | undefined> {
    const sessions = this.open("findSessionByIssue").sessions.values();
    return newest(sessions, (s) => s.repo === repo && s.issue.key === issueKey);
  }

  async findSessionByBranch(repo: string, branch: string): Promise<Session | undefined> {
    const sessions = this.open("findSessionByBranch").sessions.values();
    return newest(sessions, (s) => s.repo === repo && s.branch === branch);
  }

  async findSessionByPr(repo: string, prNumber: number): Promise<Session | undefined> {
    const sessions = this.open("findSessionByPr").sessions.values();
    return newest(sessions, (s) => s.repo === repo && s.pr?.number === prNumber);
  }

  async appendLog(sessionId: string, entries: LogEntry[], max?: number): Promise<void> {
    const state = this.open("appendLog");
    const keep = logMax(max, this.context("appendLog"));
    if (entries.length === 0) return;
    const log = [...(state.logs.get(sessionId) ?? []), ...structuredClone(entries)];
    state.logs.set(sessionId, log.slice(-keep));
    this.changed();
  }

  async readLog(sessionId: string, limit?: number): Promise<LogEntry[]> {
    const log = this.open("readLog").logs.get(sessionId) ?? [];
    const count = logLimit(limit, this.context("readLog"));
    return structuredClone(count === undefined ? log : log.slice(-count));
  }

  async enqueueJob(job: NewJob, now: number): Promise<void> {
    const state = this.open("enqueueJob");
    // An id that exists is left as it is: effects may be executed twice.
    if (state.jobs.has(job.id)) return;
    state.jobSeq += 1;
    const stored: StoredJob = {
      id: job.id,
      queue: job.queue,
      payload: structuredClone(job.payload),
      state: "queued",
      attempts: 0,
      enqueuedAt: now,
      seq: state.jobSeq,
    };
    if (job.sessionId !== undefined) stored.sessionId = job.sessionId;
    state.jobs.set(job.id, stored);
    this.changed();
  }

  async leaseJobs(
    runnerId: string,
    queues: string[],
    max: number,
    leaseMs: number,
    now: number,
    maxAttempts = defaultMaxAttempts,
  ): Promise<JobRecord[]> {
    const state = this.open("leaseJobs");
    if (!(Math.floor(max) >= 1) || queues.length === 0) return [];
    for (const job of state.jobs.values()) {
      if (job.state !== "leased" || (job.leaseUntil ?? 0) > now) continue;
      delete job.runnerId;
      delete job.leaseUntil;
      if (job.attempts >= maxAttempts) {
        job.state = "failed";
        job.finishedAt = now;
        job.error = `leased ${job.attempts} times and the lease expired each time without the job finishing`;
      } else {
        job.state = "queued";
      }
      this.changed();
    }
    const wanted = new Set(queues);
    const taken = [...state.jobs.values()]
      .filter((job) => job.state === "queued" && wanted.has(job.queue))
      .sort((a, b) => a.seq - b.seq)
      .slice(0, Math.floor(max));
    for (const job of taken) {
      job.state = "leased";
      job.runnerId = runnerId;
      job.leaseUntil = now + leaseMs;
      job.attempts += 1;
    }
    if (taken.length > 0) this.changed();
    return taken.map(jobRecord);
  }

  async extendLeases(runnerId: string, jobIds: string[], leaseMs: number, now: number): Promise<string[]> {
    const state = this.open("extendLeases");
    const held: string[] = [];
    for (const id of new Set(jobIds)) {
      const job = state.jobs.get(id);
      if (job?.state !== "leased" || job.runnerId !== runnerId || (job.leaseUntil ?? 0) <= now) continue;
      job.leaseUntil = now + leaseMs;
      held.push(id);
    }
    if (held.length > 0) this.changed();
    return held;
  }

  async finishJob(
    runnerId: string,
    jobId: string,
    outcome: { ok: true } | { ok: false; error: string },
    now: number,
  ): Promise<boolean> {
    const job = this.open("finishJob").jobs.get(jobId);
    const finalState: JobState = outcome.ok ? "completed" : "failed";
    if (job === undefined || job.runnerId !== runnerId) return false;
    // The holder finishing again (a resent request) succeeds again, as in Redis.
    if (job.state === finalState) return true;
    if (job.state !== "leased" || (job.leaseUntil ?? 0) <= now) return false;
    job.state = finalState;
    job.finishedAt = now;
    delete job.leaseUntil;
    if (!outcome.ok && outcome.error !== "") job.error = outcome.error;
    this.changed();
    return true;
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const job = this.open("getJob").jobs.get(id);
    return job === undefined ? undefined : jobRecord(job);
  }

  async listJobs(query: { sessionId?: string; states?: JobState[] } = {}): Promise<JobRecord[]> {
    return [...this.open("listJobs").jobs.values()]
      .filter((job) => query.sessionId === undefined || job.sessionId === query.sessionId)
      .filter((job) => query.states === undefined || query.states.includes(job.state))
      .sort((a, b) => a.seq - b.seq)
      .map(jobRecord);
  }

  async markDelivery(id: string, ttlMs: number): Promise<boolean> {
    const state = this.open("markDelivery");
    const ttl = ttlMillis(ttlMs, this.context("markDelivery"));
    const now = Date.now();
    if ((state.deliveries.get(id) ?? 0) > now) return false;
    state.deliveries.set(id, now + ttl);
    // Every webhook adds one; Redis expires them by itself, here a sweep now and then keeps memory flat.
    this.marksSinceSweep += 1;
    if (this.marksSinceSweep >= 1_000) {
      this.marksSinceSweep = 0;
      for (const [delivery, expiresAt] of state.deliveries)
        if (expiresAt <= now) state.deliveries.delete(delivery);
    }
    this.changed();
    return true;
  }

  async appendToList(key: string, items: string[], ttlMs: number): Promise<number> {
    const state = this.open("appendToList");
    const ttl = ttlMillis(ttlMs, this.context("appendToList"));
    const now = Date.now();
    const current = state.lists.get(key);
    const live = current !== undefined && current.expiresAt > now ? current.items : [];
    if (items.length === 0) {
      if (current !== undefined && live.length === 0) state.lists.delete(key);
      return live.length;
    }
    const next = [...live, ...items].slice(-listMaxItems);
    state.lists.set(key, { items: next, expiresAt: now + ttl });
    // As with deliveries: Redis expires lists by itself, here a sweep now and then keeps memory flat.
    this.appendsSinceSweep += 1;
    if (this.appendsSinceSweep >= 1_000) {
      this.appendsSinceSweep = 0;
      for (const [name, list] of state.lists) if (list.expiresAt <= now) state.lists.delete(name);
    }
    this.changed();
    return next.length;
  }

  async readList(key: string): Promise<string[]> {
    const list = this.open("readList").lists.get(key);
    return list !== undefined && list.expiresAt > Date.now() ? [...list.items] : [];
  }

  async scheduleTimer(sessionId: string, key: TimerKey, at: number): Promise<void> {
    this.open("scheduleTimer").timers.set(timerMember(sessionId, key), { sessionId, key, at });
    this.changed();
  }

  async cancelTimer(sessionId: string, key: TimerKey): Promise<void> {
    if (this.open("cancelTimer").timers.delete(timerMember(sessionId, key))) this.changed();
  }

  async takeDueTimers(now: number, limit: number): Promise<DueTimer[]> {
    const state = this.open("takeDueTimers");
    if (!(Math.floor(limit) >= 1)) return [];
    // Same order as the Redis sorted set: by due time, then by member.
    const due = [...state.timers]
      .filter(([, timer]) => timer.at <= now)
      .sort(
        ([memberA, a], [memberB, b]) => a.at - b.at || (memberA < memberB ? -1 : memberA > memberB ? 1 : 0),
      )
      .slice(0, Math.floor(limit));
    for (const [member] of due) state.timers.delete(member);
    if (due.length > 0) this.changed();
    return due.map(([, timer]) => ({ ...timer }));
  }

  async acquireLock(name: string, ttlMs: number): Promise<string | undefined> {
    const state = this.open("acquireLock");
    const ttl = ttlMillis(ttlMs, this.context("acquireLock"));
    const now = Date.now();
    if ((state.locks.get(name)?.expiresAt ?? 0) > now) return undefined;
    const token = randomUUID();
    state.locks.set(name, { token, expiresAt: now + ttl });
    this.changed();
    return token;
  }

  async releaseLock(name: string, token: string): Promise<void> {
    const state = this.open("releaseLock");
    if (state.locks.get(name)?.token !== token) return;
    state.locks.delete(name);
    this.changed();
  }

  async recordCost(report: CostReport): Promise<void> {
    const state = this.open("recordCost");
    const counters = countersOf(report, this.context("recordCost"));
    const seenKey = costSeenKey(report);
    const { delta, seen } = newCost(state.costSeen.get(seenKey), counters);
    if (!hasCost(delta)) return;
    state.costSeen.set(seenKey, seen);
    const add = (byScope: Map<string, Map<string, CostCounters>>, scope: string) => {
      const byModel = byScope.get(scope) ?? new Map<string, CostCounters>();
      const totals = byModel.get(report.model) ?? zeroCounters();
      addCounters(totals, delta);
      byModel.set(report.model, totals);
      byScope.set(scope, byModel);
    };
    add(state.costBySession, report.sessionId);
    add(state.costByIssue, issueCostKey(report.repo, report.issueKey));
    add(state.costByDay, report.day);
    const account = costAccount(report.repo);
    const byAccount = state.costByAccountDay.get(account) ?? new Map<string, Map<string, CostCounters>>();
    state.costByAccountDay.set(account, byAccount);
    add(byAccount, report.day);
    this.changed();
  }

  async readCost(scope: CostScope): Promise<CostByModel> {
    const state = this.open("readCost");
    const byModel =
      scope.kind === "session"
        ? state.costBySession.get(scope.sessionId)
        : scope.kind === "issue"
          ? state.costByIssue.get(issueCostKey(scope.repo, scope.issueKey))
          : state.costByDay.get(scope.day);
    return costByModelOf(byModel ?? new Map());
  }

  async readCostByDay(
    fromDay: string,
    toDay: string,
    accounts?: readonly string[],
  ): Promise<Record<string, CostByModel>> {
    const state = this.open("readCostByDay");
    const sources = accounts
      ? [...new Set(accounts.map((a) => a.toLowerCase()))].flatMap((a) => {
          const byDay = state.costByAccountDay.get(a);
          return byDay ? [byDay] : [];
        })
      : [state.costByDay];
    const byDay = new Map<string, Map<string, CostCounters>>();
    for (const source of sources)
      for (const [day, byModel] of source) {
        if (day < fromDay || day > toDay) continue;
        const sum = byDay.get(day) ?? new Map<string, CostCounters>();
        for (const [model, counters] of byModel) {
          const totals = sum.get(model) ?? zeroCounters();
          addCounters(totals, counters);
          sum.set(model, totals);
        }
        byDay.set(day, sum);
      }
    return Object.fromEntries(
      [...byDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, byModel]) => [day, costByModelOf(byModel)]),
    );
  }

  async readCostByIssue(): Promise<Record<string, CostByModel>> {
    const issues = [...this.open("readCostByIssue").costByIssue];
    return Object.fromEntries(issues.map(([issue, byModel]) => [issue, costByModelOf(byModel)]));
  }

  async saveRunner(runner: RunnerRecord): Promise<void> {
    this.open("saveRunner").runners.set(runner.id, structuredClone(runner));
    this.changed();
  }

  async getRunner(id: string): Promise<RunnerRecord | undefined> {
    const runner = this.open("getRunner").runners.get(id);
    return runner === undefined ? undefined : structuredClone(runner);
  }

  async listRunners(): Promise<RunnerRecord[]> {
    return [...this.open("listRunners").runners.values()]
      .sort(oldestFirst)
      .map((runner) => structuredClone(runner));
  }
}
