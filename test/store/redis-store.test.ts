// The store over plain Redis (ioredis, TCP) against the real redis-server the test run starts.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createRedisStore } from "../../src/store/create-redis-store.js";
import { createIoredisClient } from "../../src/store/ioredis-client.js";
import { RedisStore } from "../../src/store/redis-store.js";
import type { Store } from "../../src/store/store.js";
import { StoreDataError, StoreUnavailableError } from "../../src/store/store-errors.js";
import { freePort } from "../support/free-port.js";
import { storeContract } from "./contract.js";
import { countingClient } from "./counting-client.js";
import { costReport, makeJob, makeRunner, makeSession, t0, uniqueId, uniquePrefix } from "./fixtures.js";

storeContract("Redis over TCP", () =>
  createRedisStore({ url: inject("redisUrl"), prefix: uniquePrefix("redis") }),
);

describe("Redis store over TCP", () => {
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(inject("redisUrl"), { protocol: 2 });
  });

  afterAll(async () => {
    await redis.quit();
  });

  it("takes one round trip per operation, two for an uncontended updateSession", async () => {
    const client = countingClient(createIoredisClient(inject("redisUrl")));
    const store = new RedisStore(client, { kind: "redis", prefix: uniquePrefix("round-trips") });
    const session = makeSession({ id: uniqueId("s") });
    const ops: [string, (store: Store) => Promise<unknown>, number][] = [
      ["createSession", (s) => s.createSession(session), 1],
      ["getSession", (s) => s.getSession(session.id), 1],
      [
        "updateSession",
        (s) => s.updateSession(session.id, (c) => ({ session: { ...c, state: "working" }, result: 0 })),
        2,
      ],
      ["updateSession declined", (s) => s.updateSession(session.id, () => undefined), 1],
      ["listSessions", (s) => s.listSessions({ states: ["working", "queued"] }), 1],
      ["findSessionByIssue", (s) => s.findSessionByIssue(session.repo, session.issue.key), 1],
      ["findSessionByBranch", (s) => s.findSessionByBranch(session.repo, session.branch), 1],
      ["findSessionByPr", (s) => s.findSessionByPr(session.repo, 7), 1],
      ["appendLog", (s) => s.appendLog(session.id, [{ at: t0, kind: "event", summary: "x" }]), 1],
      ["readLog", (s) => s.readLog(session.id), 1],
      ["enqueueJob", (s) => s.enqueueJob(makeJob("j1", "q"), t0), 1],
      ["leaseJobs", (s) => s.leaseJobs("r1", ["q", "q2"], 5, 1_000, t0), 1],
      ["extendLeases", (s) => s.extendLeases("r1", ["j1"], 1_000, t0), 1],
      ["finishJob", (s) => s.finishJob("r1", "j1", { ok: true }, t0), 1],
      ["getJob", (s) => s.getJob("j1"), 1],
      ["listJobs", (s) => s.listJobs({ sessionId: "s-1" }), 1],
      ["markDelivery", (s) => s.markDelivery(uniqueId("d"), 60_000), 1],
      ["scheduleTimer", (s) => s.scheduleTimer(session.id, "stuck", t0), 1],
      ["cancelTimer", (s) => s.cancelTimer(session.id, "stuck"), 1],
      ["takeDueTimers", (s) => s.takeDueTimers(t0, 10), 1],
      ["acquireLock", (s) => s.acquireLock("sweep", 60_000), 1],
      ["releaseLock", (s) => s.releaseLock("sweep", "token"), 1],
      ["recordCost", (s) => s.recordCost(costReport({ inputTokens: 5 })), 1],
      ["readCost", (s) => s.readCost({ kind: "session", sessionId: "s-1" }), 1],
      ["readCostByDay", (s) => s.readCostByDay("2026-11-01", "2026-11-30"), 1],
      ["readCostByIssue", (s) => s.readCostByIssue(), 1],
      ["saveRunner", (s) => s.saveRunner(makeRunner("r1")), 1],
      ["getRunner", (s) => s.getRunner("r1"), 1],
      ["listRunners", (s) => s.listRunners(), 1],
    ];
    const counted: Record<string, number> = {};
    for (const [name, op] of ops) {
      const before = client.calls;
      await op(store);
      counted[name] = client.calls - before;
    }
    expect(counted).toEqual(Object.fromEntries(ops.map(([name, , expected]) => [name, expected])));
    await store.close();
  });

  it("keeps stores with different prefixes apart, with every key under the prefix", async () => {
    const prefix = uniquePrefix("apart");
    const a = createRedisStore({ url: inject("redisUrl"), prefix });
    const b = createRedisStore({ url: inject("redisUrl"), prefix: uniquePrefix("apart") });
    const session = makeSession({ id: uniqueId("s") });
    await a.createSession(session);
    await a.enqueueJob(makeJob("j1", "q"), t0);
    expect(await b.getSession(session.id)).toBeUndefined();
    expect(await b.listSessions()).toEqual([]);
    expect(await b.leaseJobs("r1", ["q"], 1, 1_000, t0)).toEqual([]);
    expect(await redis.keys(`${prefix}*`)).toContain(`${prefix}session:${session.id}`);
    await a.close();
    await b.close();
  });

  it("reports corrupt records with what is wrong instead of crashing later", async () => {
    const prefix = uniquePrefix("corrupt");
    const store = createRedisStore({ url: inject("redisUrl"), prefix });
    await redis.hset(`${prefix}job:j1`, {
      id: "j1",
      queue: "q",
      payload: "{}",
      state: "sleeping",
      attempts: "x",
      enqueuedAt: "1",
    });
    await expect(store.getJob("j1")).rejects.toThrow(StoreDataError);
    await expect(store.getJob("j1")).rejects.toThrow(/A job in the redis store is not valid[\s\S]*state/);
    await redis.hset(`${prefix}session:s1`, { v: "1", json: "{not json" });
    await expect(store.getSession("s1")).rejects.toThrow(/not valid JSON/);
    await redis.set(`${prefix}runner:r1`, JSON.stringify({ id: "r1" }));
    await expect(store.getRunner("r1")).rejects.toThrow(/A runner in the redis store is not valid/);
    await store.close();
  });

  it("says Redis cannot be reached, without the password, when nothing listens", async () => {
    const port = await freePort();
    const store = createRedisStore({
      url: `redis://drover:s3cret-password@127.0.0.1:${port}`,
      prefix: uniquePrefix("down"),
    });
    const failure = await store.ping().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect((failure as Error).message).toMatch(
      new RegExp(`Redis at redis://127.0.0.1:${port} cannot be reached`),
    );
    expect((failure as Error).message).not.toContain("s3cret-password");
    await store.close();
  });
});
