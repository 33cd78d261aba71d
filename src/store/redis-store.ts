// The Store over Redis, for both clients (ioredis over TCP, @upstash/redis over REST) through RedisClient.
// Round trips per operation (EVALSHA or one plain command each; +1 the first time a script meets a server
// whose script cache is empty): updateSession 2 (+1 per lost race), everything else 1, and 0 for calls
// with nothing to do (no log entries, no job ids, max < 1).
import type { Session, TimerKey } from "../core/session.js";
import type { RedisClient } from "./redis-client.js";
import { errorContext, type RedisContext } from "./redis-context.js";
import * as cost from "./redis-cost.js";
import * as jobs from "./redis-jobs.js";
import { redisKeys } from "./redis-keys.js";
import * as lists from "./redis-lists.js";
import * as locks from "./redis-locks.js";
import * as log from "./redis-log.js";
import * as runners from "./redis-runners.js";
import * as sessions from "./redis-sessions.js";
import * as timers from "./redis-timers.js";
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
import { logLimit, logMax, ttlMillis } from "./store-limits.js";

export const defaultKeyPrefix = "drover:";

export interface RedisStoreOptions {
  kind: "redis" | "upstash";
  /** Every key starts with it; default "drover:". */
  prefix?: string;
}

export class RedisStore implements Store {
  readonly kind: "redis" | "upstash";
  private readonly ctx: RedisContext;

  constructor(client: RedisClient, options: RedisStoreOptions) {
    this.kind = options.kind;
    this.ctx = { client, kind: options.kind, keys: redisKeys(options.prefix ?? defaultKeyPrefix) };
  }

  async ping(): Promise<void> {
    return this.ctx.client.ping();
  }

  async close(): Promise<void> {
    return this.ctx.client.close();
  }

  async createSession(session: Session): Promise<boolean> {
    return sessions.createSession(this.ctx, session);
  }

  async getSession(id: string): Promise<Session | undefined> {
    return sessions.getSession(this.ctx, id);
  }

  async updateSession<T>(
    id: string,
    update: SessionUpdate<T>,
  ): Promise<{ session: Session; result: T } | undefined> {
    return sessions.updateSession(this.ctx, id, update);
  }

  async listSessions(query?: SessionQuery): Promise<Session[]> {
    return sessions.listSessions(this.ctx, query);
  }

  async findSessionByIssue(repo: string, issueKey: string): Promise<Session | undefined> {
    return sessions.findNewestSession(
      this.ctx,
      this.ctx.keys.sessionsByIssue(repo, issueKey),
      "findSessionByIssue",
    );
  }

  async findSessionByBranch(repo: string, branch: string): Promise<Session | undefined> {
    return sessions.findNewestSession(
      this.ctx,
      this.ctx.keys.sessionsByBranch(repo, branch),
      "findSessionByBranch",
    );
  }

  async findSessionByPr(repo: string, prNumber: number): Promise<Session | undefined> {
    return sessions.findNewestSession(
      this.ctx,
      this.ctx.keys.sessionsByPr(repo, prNumber),
      "findSessionByPr",
    );
  }

  async appendLog(sessionId: string, entries: LogEntry[], max?: number): Promise<void> {
    return log.appendLog(this.ctx, sessionId, entries, logMax(max, errorContext(this.ctx, "appendLog")));
  }

  async readLog(sessionId: string, limit?: number): Promise<LogEntry[]> {
    return log.readLog(this.ctx, sessionId, logLimit(limit, errorContext(this.ctx, "readLog")));
  }

  async enqueueJob(job: NewJob, now: number): Promise<void> {
    return jobs.enqueueJob(this.ctx, job, now);
  }

  async leaseJobs(
    runnerId: string,
    queues: string[],
    max: number,
    leaseMs: number,
    now: number,
    maxAttempts?: number,
  ): Promise<JobRecord[]> {
    return jobs.leaseJobs(this.ctx, runnerId, queues, max, leaseMs, now, maxAttempts);
  }

  async extendLeases(runnerId: string, jobIds: string[], leaseMs: number, now: number): Promise<string[]> {
    return jobs.extendLeases(this.ctx, runnerId, jobIds, leaseMs, now);
  }

  async finishJob(
    runnerId: string,
    jobId: string,
    outcome: { ok: true } | { ok: false; error: string },
    now: number,
  ): Promise<boolean> {
    return jobs.finishJob(this.ctx, runnerId, jobId, outcome, now);
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    return jobs.getJob(this.ctx, id);
  }

  async listJobs(query?: { sessionId?: string; states?: JobState[] }): Promise<JobRecord[]> {
    return jobs.listJobs(this.ctx, query);
  }

  async markDelivery(id: string, ttlMs: number): Promise<boolean> {
    const ttl = ttlMillis(ttlMs, errorContext(this.ctx, "markDelivery"));
    return this.ctx.client.setIfAbsent(this.ctx.keys.delivery(id), "1", ttl);
  }

  async appendToList(key: string, items: string[], ttlMs: number): Promise<number> {
    const ttl = ttlMillis(ttlMs, errorContext(this.ctx, "appendToList"));
    return lists.appendToList(this.ctx, key, items, ttl);
  }

  async readList(key: string): Promise<string[]> {
    return lists.readList(this.ctx, key);
  }

  async scheduleTimer(sessionId: string, key: TimerKey, at: number): Promise<void> {
    return timers.scheduleTimer(this.ctx, sessionId, key, at);
  }

  async cancelTimer(sessionId: string, key: TimerKey): Promise<void> {
    return timers.cancelTimer(this.ctx, sessionId, key);
  }

  async takeDueTimers(now: number, limit: number): Promise<DueTimer[]> {
    return timers.takeDueTimers(this.ctx, now, limit);
  }

  async acquireLock(name: string, ttlMs: number): Promise<string | undefined> {
    return locks.acquireLock(this.ctx, name, ttlMillis(ttlMs, errorContext(this.ctx, "acquireLock")));
  }

  async releaseLock(name: string, token: string): Promise<void> {
    return locks.releaseLock(this.ctx, name, token);
  }

  async recordCost(report: CostReport): Promise<void> {
    return cost.recordCost(this.ctx, report);
  }

  async readCost(scope: CostScope): Promise<CostByModel> {
    return cost.readCost(this.ctx, scope);
  }

  async readCostByDay(
    fromDay: string,
    toDay: string,
    accounts?: readonly string[],
  ): Promise<Record<string, CostByModel>> {
    return cost.readCostByDay(this.ctx, fromDay, toDay, accounts);
  }

  async readCostByIssue(): Promise<Record<string, CostByModel>> {
    return cost.readCostByIssue(this.ctx);
  }

  async saveRunner(runner: RunnerRecord): Promise<void> {
    return runners.saveRunner(this.ctx, runner);
  }

  async getRunner(id: string): Promise<RunnerRecord | undefined> {
    return runners.getRunner(this.ctx, id);
  }

  async listRunners(): Promise<RunnerRecord[]> {
    return runners.listRunners(this.ctx);
  }
}
