// The one behaviour every Store must have. Each implementation's test file runs it with a factory that
// opens a fresh, empty store (a unique key prefix for Redis), so tests never see each other's data.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Session } from "../../src/core/session.js";
import type { Store } from "../../src/store/store.js";
import {
  costReport,
  eventually,
  makeJob,
  makeRunner,
  makeSession,
  spawnJob,
  t0,
  uniqueId,
  withPr,
} from "./fixtures.js";

export type OpenStore = () => Store | Promise<Store>;

export function storeContract(label: string, open: OpenStore): void {
  describe(`${label} — store contract`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    describe("sessions", () => {
      it("creates a session once and reads it back exactly as written", async () => {
        await store.ping();
        const session = makeSession({ id: uniqueId("s") });
        expect(await store.createSession(session)).toBe(true);
        expect(await store.createSession({ ...session, state: "working" })).toBe(false);
        expect(await store.getSession(session.id)).toEqual(session);
        expect(await store.getSession("no-such-session")).toBeUndefined();
      });

      it("updates a session and returns the winning run's result", async () => {
        const session = makeSession({ id: uniqueId("s") });
        await store.createSession(session);
        const updated = await store.updateSession(session.id, (current) => ({
          session: { ...current, state: "working", updatedAt: t0 + 1 },
          result: `was ${current.state}`,
        }));
        expect(updated?.result).toBe("was queued");
        expect(updated?.session.state).toBe("working");
        expect(await store.getSession(session.id)).toEqual({
          ...session,
          state: "working",
          updatedAt: t0 + 1,
        });
      });

      it("writes nothing when the update returns undefined, and never calls it for a missing session", async () => {
        const session = makeSession({ id: uniqueId("s") });
        await store.createSession(session);
        const declined = await store.updateSession(session.id, (current) => {
          current.state = "killed"; // changed in place, but declined: must not be written
          return undefined;
        });
        expect(declined).toBeUndefined();
        expect(await store.getSession(session.id)).toEqual(session);
        let called = false;
        const missing = await store.updateSession("no-such-session", () => {
          called = true;
          return undefined;
        });
        expect(missing).toBeUndefined();
        expect(called).toBe(false);
        // A declined update leaves the session writable as before.
        await store.updateSession(session.id, (current) => ({
          session: { ...current, state: "working" },
          result: 1,
        }));
        expect((await store.getSession(session.id))?.state).toBe("working");
      });

      it("loses none of 50 concurrent updates of one session", async () => {
        const session = makeSession({ id: uniqueId("s") });
        await store.createSession(session);
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            store.updateSession(session.id, (current) => {
              const count = current.memory.ciFixesSent + 1;
              const next: Session = {
                ...current,
                memory: { ...current.memory, ciFixesSent: count },
                seenEvents: [...current.seenEvents, `event-${i}`],
              };
              return { session: next, result: count };
            }),
          ),
        );
        const final = await store.getSession(session.id);
        expect(final?.memory.ciFixesSent).toBe(50);
        expect([...(final?.seenEvents ?? [])].sort()).toEqual(
          Array.from({ length: 50 }, (_, i) => `event-${i}`).sort(),
        );
        // Each winning run saw a different count: no two updates were applied to the same state.
        expect(results.map((r) => r?.result).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
          Array.from({ length: 50 }, (_, i) => i + 1),
        );
      });

      it("refuses an update that changes the session's id", async () => {
        const session = makeSession({ id: uniqueId("s") });
        await store.createSession(session);
        await expect(
          store.updateSession(session.id, (current) => ({ session: { ...current, id: "other" }, result: 0 })),
        ).rejects.toThrow(/may not change the id/);
        expect(await store.getSession("other")).toBeUndefined();
      });

      it("finds sessions by issue, branch and PR, following every update", async () => {
        const first = makeSession({ id: uniqueId("s"), branch: "drover/42-first" });
        const other = makeSession({
          id: uniqueId("s"),
          repo: "acme/gadgets",
          branch: "drover/42-first",
          issue: { ...first.issue, key: "42" },
        });
        await store.createSession(first);
        await store.createSession(other);
        expect((await store.findSessionByIssue("acme/widgets", "42"))?.id).toBe(first.id);
        expect((await store.findSessionByIssue("acme/gadgets", "42"))?.id).toBe(other.id);
        expect(await store.findSessionByIssue("acme/widgets", "43")).toBeUndefined();
        expect((await store.findSessionByBranch("acme/widgets", "drover/42-first"))?.id).toBe(first.id);
        expect(await store.findSessionByPr("acme/widgets", 7)).toBeUndefined();

        await store.updateSession(first.id, (current) => ({
          session: { ...withPr(current, 7), branch: "drover/42-renamed" },
          result: undefined,
        }));
        expect((await store.findSessionByPr("acme/widgets", 7))?.id).toBe(first.id);
        expect(await store.findSessionByPr("acme/gadgets", 7)).toBeUndefined();
        expect(await store.findSessionByBranch("acme/widgets", "drover/42-first")).toBeUndefined();
        expect((await store.findSessionByBranch("acme/widgets", "drover/42-renamed"))?.state).toBe("pr_open");

        await store.updateSession(first.id, (current) => ({
          session: withPr(current, 8),
          result: undefined,
        }));
        expect(await store.findSessionByPr("acme/widgets", 7)).toBeUndefined();
        expect((await store.findSessionByPr("acme/widgets", 8))?.id).toBe(first.id);
      });

      it("finds the newest session when several share an issue or a branch", async () => {
        const old = makeSession({ id: uniqueId("old"), state: "killed", createdAt: t0 });
        const recent = makeSession({ id: uniqueId("new"), createdAt: t0 + 60_000 });
        await store.createSession(recent);
        await store.createSession(old);
        expect((await store.findSessionByIssue("acme/widgets", "42"))?.id).toBe(recent.id);
        expect((await store.findSessionByBranch("acme/widgets", recent.branch))?.id).toBe(recent.id);
      });

      it("lists the sessions that still have effects in their outbox", async () => {
        const pending = {
          id: "e1/0",
          effect: { type: "update_status" as const },
          attempts: 0,
          notBefore: t0,
        };
        const a = makeSession({ id: uniqueId("a"), createdAt: t0 + 1, outbox: [pending] });
        const b = makeSession({ id: uniqueId("b"), createdAt: t0 + 2 });
        for (const session of [a, b]) await store.createSession(session);
        const ids = (sessions: Session[]) => sessions.map((session) => session.id);
        expect(ids(await store.listSessions({ withOutbox: true }))).toEqual([a.id]);
        await store.updateSession(a.id, (current) => ({ session: { ...current, outbox: [] }, result: 0 }));
        await store.updateSession(b.id, (current) => ({
          session: { ...current, outbox: [pending] },
          result: 0,
        }));
        expect(ids(await store.listSessions({ withOutbox: true }))).toEqual([b.id]);
      });

      it("lists sessions by repo, state and batch, oldest first", async () => {
        const a = makeSession({ id: uniqueId("a"), createdAt: t0 + 3, batchId: "batch-1" });
        const b = makeSession({ id: uniqueId("b"), createdAt: t0 + 1, state: "working", batchId: "batch-1" });
        const c = makeSession({
          id: uniqueId("c"),
          createdAt: t0 + 2,
          repo: "acme/gadgets",
          state: "working",
        });
        for (const session of [a, b, c]) await store.createSession(session);
        const ids = (sessions: Session[]) => sessions.map((session) => session.id);
        expect(ids(await store.listSessions())).toEqual([b.id, c.id, a.id]);
        expect(ids(await store.listSessions({ repo: "acme/widgets" }))).toEqual([b.id, a.id]);
        expect(ids(await store.listSessions({ states: ["working"] }))).toEqual([b.id, c.id]);
        expect(ids(await store.listSessions({ states: ["working", "queued"] }))).toEqual([b.id, c.id, a.id]);
        expect(ids(await store.listSessions({ states: ["working"], repo: "acme/gadgets" }))).toEqual([c.id]);
        expect(ids(await store.listSessions({ batchId: "batch-1" }))).toEqual([b.id, a.id]);
        expect(ids(await store.listSessions({ repo: "acme/widgets", issueKey: a.issue.key }))).toEqual(
          [b, a].filter((s) => s.issue.key === a.issue.key).map((s) => s.id),
        );
        expect(ids(await store.listSessions({ batchId: "batch-1", states: ["queued"] }))).toEqual([a.id]);
        expect(await store.listSessions({ states: [] })).toEqual([]);

        await store.updateSession(a.id, (current) => ({
          session: { ...current, state: "working" },
          result: 0,
        }));
        expect(ids(await store.listSessions({ states: ["queued"] }))).toEqual([]);
        expect(ids(await store.listSessions({ states: ["working"] }))).toEqual([b.id, c.id, a.id]);
        expect(await store.listSessions({ repo: "acme/nothing" })).toEqual([]);
      });
    });

    describe("event log", () => {
      it("keeps the newest entries up to max, oldest first", async () => {
        const entry = (i: number) => ({
          at: t0 + i,
          kind: "event",
          summary: `entry ${i} — ✓`,
          data: { i, nested: [i] },
        });
        await store.appendLog("s-1", [entry(1), entry(2), entry(3)], 5);
        await store.appendLog("s-1", [entry(4), entry(5), entry(6), entry(7)], 5);
        await store.appendLog("s-1", [], 5);
        expect(await store.readLog("s-1")).toEqual([3, 4, 5, 6, 7].map(entry));
        expect(await store.readLog("s-1", 2)).toEqual([entry(6), entry(7)]);
        expect(await store.readLog("s-2")).toEqual([]);
        await store.appendLog("s-2", [{ at: t0, kind: "effect", summary: "no data" }]);
        expect(await store.readLog("s-2")).toEqual([{ at: t0, kind: "effect", summary: "no data" }]);
      });
    });

    describe("runner jobs", () => {
      it("leases the oldest queued jobs, only from the listed queues, at most max", async () => {
        await store.enqueueJob(makeJob("j1", "repo:acme/widgets"), t0);
        await store.enqueueJob(makeJob("j2", "runner:r1"), t0);
        await store.enqueueJob(makeJob("j3", "repo:acme/widgets"), t0);
        await store.enqueueJob(makeJob("j4", "repo:acme/gadgets"), t0);
        const first = await store.leaseJobs("r1", ["repo:acme/widgets", "runner:r1"], 2, 30_000, t0 + 10);
        expect(first.map((job) => job.id)).toEqual(["j1", "j2"]);
        expect(first[0]).toEqual({
          id: "j1",
          queue: "repo:acme/widgets",
          sessionId: "s-1",
          payload: spawnJob("s-1"),
          state: "leased",
          attempts: 1,
          runnerId: "r1",
          leaseUntil: t0 + 10 + 30_000,
          enqueuedAt: t0,
        });
        const second = await store.leaseJobs("r1", ["repo:acme/widgets", "runner:r1"], 5, 30_000, t0 + 20);
        expect(second.map((job) => job.id)).toEqual(["j3"]);
        expect(await store.leaseJobs("r1", ["repo:acme/widgets"], 5, 30_000, t0 + 30)).toEqual([]);
        expect((await store.getJob("j4"))?.state).toBe("queued");
        expect(await store.getJob("no-such-job")).toBeUndefined();
      });

      it("ignores a second enqueue of the same job id", async () => {
        await store.enqueueJob(makeJob("j1", "q"), t0);
        await store.enqueueJob(
          { ...makeJob("j1", "other-queue"), payload: { kind: "kill", sessionId: "s-1" } },
          t0 + 5,
        );
        expect(await store.getJob("j1")).toEqual({
          id: "j1",
          queue: "q",
          sessionId: "s-1",
          payload: spawnJob("s-1"),
          state: "queued",
          attempts: 0,
          enqueuedAt: t0,
        });
        expect(await store.listJobs()).toHaveLength(1);
      });

      it("hands an expired lease to another runner, and only the new holder can finish it", async () => {
        await store.enqueueJob(makeJob("j1", "q"), t0);
        expect((await store.leaseJobs("r1", ["q"], 1, 1_000, t0)).map((job) => job.id)).toEqual(["j1"]);
        expect(await store.leaseJobs("r2", ["q"], 1, 1_000, t0 + 999)).toEqual([]);
        const again = await store.leaseJobs("r2", ["q"], 1, 1_000, t0 + 1_000);
        expect(again.map((job) => [job.id, job.runnerId, job.attempts])).toEqual([["j1", "r2", 2]]);
        expect(await store.finishJob("r1", "j1", { ok: true }, t0 + 1_100)).toBe(false);
        expect(await store.finishJob("r2", "j1", { ok: true }, t0 + 1_100)).toBe(true);
        const done = await store.getJob("j1");
        expect(done?.state).toBe("completed");
        expect(done?.finishedAt).toBe(t0 + 1_100);
        // Finished is finished: it is not handed out again, even long after its lease would have ended.
        expect(await store.leaseJobs("r3", ["q"], 1, 1_000, t0 + 100_000)).toEqual([]);
      });

      it("extends leases only for the runner holding them, while they last", async () => {
        await store.enqueueJob(makeJob("j1", "q"), t0);
        await store.enqueueJob(makeJob("j2", "q"), t0);
        await store.leaseJobs("r1", ["q"], 2, 1_000, t0);
        expect(await store.extendLeases("r2", ["j1", "j2"], 1_000, t0 + 500)).toEqual([]);
        expect((await store.extendLeases("r1", ["j1", "j2", "j-unknown"], 1_000, t0 + 500)).sort()).toEqual([
          "j1",
          "j2",
        ]);
        expect((await store.getJob("j1"))?.leaseUntil).toBe(t0 + 1_500);
        // The old expiry has passed but the extended lease holds.
        expect(await store.leaseJobs("r2", ["q"], 2, 1_000, t0 + 1_200)).toEqual([]);
        expect(await store.finishJob("r1", "j1", { ok: true }, t0 + 1_200)).toBe(true);
        // Once a lease has run out its holder can neither extend nor finish it.
        expect(await store.extendLeases("r1", ["j2"], 1_000, t0 + 1_500)).toEqual([]);
        expect(await store.finishJob("r1", "j2", { ok: true }, t0 + 1_500)).toBe(false);
        expect(await store.extendLeases("r1", [], 1_000, t0 + 1_500)).toEqual([]);
      });

      it("records a failure reported by the holder, and refuses anyone else's", async () => {
        await store.enqueueJob(makeJob("j1", "q"), t0);
        await store.leaseJobs("r1", ["q"], 1, 10_000, t0);
        expect(await store.finishJob("r2", "j1", { ok: false, error: "not mine" }, t0 + 1)).toBe(false);
        expect(await store.finishJob("r1", "j1", { ok: false, error: "tmux died" }, t0 + 2)).toBe(true);
        const failed = await store.getJob("j1");
        expect([failed?.state, failed?.error, failed?.finishedAt]).toEqual(["failed", "tmux died", t0 + 2]);
        expect(await store.finishJob("r1", "no-such-job", { ok: true }, t0 + 3)).toBe(false);
      });

      it("fails a job whose lease expired maxAttempts times", async () => {
        await store.enqueueJob(makeJob("j1", "q"), t0);
        await store.leaseJobs("r1", ["q"], 1, 1_000, t0, 2);
        expect(
          (await store.leaseJobs("r2", ["q"], 1, 1_000, t0 + 2_000, 2)).map((job) => job.attempts),
        ).toEqual([2]);
        expect(await store.leaseJobs("r3", ["q"], 1, 1_000, t0 + 4_000, 2)).toEqual([]);
        const failed = await store.getJob("j1");
        expect(failed?.state).toBe("failed");
        expect(failed?.attempts).toBe(2);
        expect(failed?.finishedAt).toBe(t0 + 4_000);
        expect(failed?.error).toMatch(/2 times/);
        expect(failed?.runnerId).toBeUndefined();
        expect(await store.finishJob("r2", "j1", { ok: true }, t0 + 4_001)).toBe(false);
      });

      it("lists jobs by session and state, in queue order", async () => {
        await store.enqueueJob(makeJob("j1", "q", "s-1"), t0);
        await store.enqueueJob(makeJob("j2", "q", "s-2"), t0);
        await store.enqueueJob(makeJob("j3", "q", "s-1"), t0);
        await store.enqueueJob(
          {
            id: "j4",
            queue: "q",
            payload: { kind: "review", repo: "acme/widgets", pr: 7, template: "default" },
          },
          t0,
        );
        await store.leaseJobs("r1", ["q"], 1, 1_000, t0);
        expect((await store.listJobs()).map((job) => job.id)).toEqual(["j1", "j2", "j3", "j4"]);
        expect((await store.listJobs({ sessionId: "s-1" })).map((job) => job.id)).toEqual(["j1", "j3"]);
        expect((await store.listJobs({ states: ["leased"] })).map((job) => job.id)).toEqual(["j1"]);
        expect((await store.listJobs({ sessionId: "s-1", states: ["queued"] })).map((job) => job.id)).toEqual(
          ["j3"],
        );
        expect(await store.listJobs({ states: [] })).toEqual([]);
        const review = await store.getJob("j4");
        expect(review?.sessionId).toBeUndefined();
        expect(review?.payload).toEqual({ kind: "review", repo: "acme/widgets", pr: 7, template: "default" });
      });
    });

    describe("webhook deliveries", () => {
      it("says a delivery is new only the first time", async () => {
        const id = uniqueId("delivery");
        expect(await store.markDelivery(id, 60_000)).toBe(true);
        expect(await store.markDelivery(id, 60_000)).toBe(false);
        expect(await store.markDelivery(uniqueId("delivery"), 60_000)).toBe(true);
      });

      it("forgets a delivery after its TTL", async () => {
        const id = uniqueId("delivery");
        expect(await store.markDelivery(id, 30)).toBe(true);
        await eventually(() => store.markDelivery(id, 60_000), "the delivery expiring");
        expect(await store.markDelivery(id, 60_000)).toBe(false);
      });
    });

    describe("short-lived lists", () => {
      it("appends in order, returns the new length and reads everything back", async () => {
        const key = uniqueId("digest:acme/widgets");
        expect(await store.readList(key)).toEqual([]);
        expect(await store.appendToList(key, ["first"], 60_000)).toBe(1);
        expect(await store.appendToList(key, ['{"json":true}', "«third» 🚀", ""], 60_000)).toBe(4);
        expect(await store.appendToList(key, [], 60_000)).toBe(4);
        expect(await store.readList(key)).toEqual(["first", '{"json":true}', "«third» 🚀", ""]);
        expect(await store.readList(uniqueId("other"))).toEqual([]);
        expect(await store.appendToList(uniqueId("empty"), [], 60_000)).toBe(0);
      });

      it("loses no item when 40 appends race", async () => {
        const key = uniqueId("receipts");
        const lengths = await Promise.all(
          Array.from({ length: 40 }, (_, i) => store.appendToList(key, [`item-${i}`], 60_000)),
        );
        expect([...lengths].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        expect([...(await store.readList(key))].sort()).toEqual(
          Array.from({ length: 40 }, (_, i) => `item-${i}`).sort(),
        );
      });

      it("keeps the newest items when a list outgrows its cap", async () => {
        const key = uniqueId("capped");
        const items = Array.from({ length: 1_005 }, (_, i) => `item-${i}`);
        expect(await store.appendToList(key, items, 60_000)).toBe(1_000);
        const kept = await store.readList(key);
        expect(kept).toHaveLength(1_000);
        expect(kept[0]).toBe("item-5");
        expect(kept.at(-1)).toBe("item-1004");
      });

      it("forgets a whole list once its TTL passes after the last append", async () => {
        const key = uniqueId("short");
        await store.appendToList(key, ["a", "b"], 60_000);
        expect(await store.appendToList(key, ["c"], 30)).toBe(3);
        await eventually(async () => (await store.readList(key)).length === 0, "the list expiring");
        expect(await store.appendToList(key, ["fresh"], 60_000)).toBe(1);
        expect(await store.readList(key)).toEqual(["fresh"]);
        await expect(store.appendToList(key, ["x"], 0)).rejects.toThrow(/TTL must be a positive/);
      });
    });

    describe("timers", () => {
      it("hands out due timers once, after rescheduling and cancelling", async () => {
        await store.scheduleTimer("s-1", "stuck", t0 + 1_000);
        await store.scheduleTimer("s-2", "idle-no-pr", t0 + 2_000);
        await store.scheduleTimer("s-3", "escalate:changes-requested", t0 + 500);
        await store.scheduleTimer("s-3", "escalate:changes-requested", t0 + 3_000); // moves it
        await store.cancelTimer("s-2", "idle-no-pr");
        await store.cancelTimer("s-9", "stuck"); // nothing to cancel
        expect(await store.takeDueTimers(t0 + 999, 10)).toEqual([]);
        expect(await store.takeDueTimers(t0 + 1_500, 10)).toEqual([
          { sessionId: "s-1", key: "stuck", at: t0 + 1_000 },
        ]);
        expect(await store.takeDueTimers(t0 + 1_500, 10)).toEqual([]);
        expect(await store.takeDueTimers(t0 + 10_000, 10)).toEqual([
          { sessionId: "s-3", key: "escalate:changes-requested", at: t0 + 3_000 },
        ]);
      });

      it("takes the earliest due timers first, up to the limit", async () => {
        await store.scheduleTimer("s-1", "stuck", t0 + 3);
        await store.scheduleTimer("s-2", "stuck", t0 + 1);
        await store.scheduleTimer("s-3", "stuck", t0 + 2);
        expect((await store.takeDueTimers(t0 + 10, 2)).map((timer) => timer.sessionId)).toEqual([
          "s-2",
          "s-3",
        ]);
        expect((await store.takeDueTimers(t0 + 10, 2)).map((timer) => timer.sessionId)).toEqual(["s-1"]);
      });

      it("gives each due timer to exactly one of two racing sweeps", async () => {
        const sessionIds = Array.from({ length: 30 }, (_, i) => `s-${i}`);
        for (const [i, sessionId] of sessionIds.entries())
          await store.scheduleTimer(sessionId, "escalate:merge-conflicts", t0 + i);
        const [a, b, c] = await Promise.all([
          store.takeDueTimers(t0 + 100, 12),
          store.takeDueTimers(t0 + 100, 12),
          store.takeDueTimers(t0 + 100, 12),
        ]);
        const taken = [...(a ?? []), ...(b ?? []), ...(c ?? [])].map((timer) => timer.sessionId);
        expect(taken.sort()).toEqual([...sessionIds].sort());
      });
    });

    describe("locks", () => {
      it("lets one holder in at a time and only the holder release", async () => {
        const token = await store.acquireLock("sweep", 60_000);
        expect(token).toEqual(expect.any(String));
        expect(await store.acquireLock("sweep", 60_000)).toBeUndefined();
        expect(await store.acquireLock("other", 60_000)).toEqual(expect.any(String));
        await store.releaseLock("sweep", "not-the-token");
        expect(await store.acquireLock("sweep", 60_000)).toBeUndefined();
        await store.releaseLock("sweep", token!);
        const next = await store.acquireLock("sweep", 60_000);
        expect(next).toEqual(expect.any(String));
        expect(next).not.toBe(token);
        // The first holder's late release must not free the new holder's lock.
        await store.releaseLock("sweep", token!);
        expect(await store.acquireLock("sweep", 60_000)).toBeUndefined();
      });

      it("frees a lock when it expires", async () => {
        expect(await store.acquireLock("sweep", 30)).toEqual(expect.any(String));
        await eventually(
          async () => (await store.acquireLock("sweep", 60_000)) !== undefined,
          "the lock expiring",
        );
        expect(await store.acquireLock("sweep", 60_000)).toBeUndefined();
      });
    });

    describe("cost", () => {
      const totals = (inputTokens: number, outputTokens: number, usd: number, cache = [0, 0]) => ({
        inputTokens,
        outputTokens,
        cacheCreationTokens: cache[0],
        cacheReadTokens: cache[1],
        usd,
      });

      it("adds only what a cumulative report adds to the last one; repeats and older reports add nothing", async () => {
        await store.recordCost(costReport({ inputTokens: 100, outputTokens: 10, usd: 0.1 }));
        await store.recordCost(
          costReport({ inputTokens: 250, outputTokens: 30, cacheReadTokens: 5, usd: 0.3 }),
        );
        await store.recordCost(
          costReport({ inputTokens: 250, outputTokens: 30, cacheReadTokens: 5, usd: 0.3 }),
        );
        await store.recordCost(costReport({ inputTokens: 200, outputTokens: 20, usd: 0.2 }));
        const expected = { "claude-sonnet-4-5": totals(250, 30, 0.3, [0, 5]) };
        expect(await store.readCost({ kind: "session", sessionId: "s-1" })).toEqual(expected);
        expect(await store.readCost({ kind: "issue", repo: "acme/widgets", issueKey: "42" })).toEqual(
          expected,
        );
        expect(await store.readCost({ kind: "day", day: "2026-11-22" })).toEqual(expected);
        expect(await store.readCost({ kind: "session", sessionId: "s-none" })).toEqual({});
      });

      it("keeps models apart and sums agent sessions, with exact large counts", async () => {
        const big = 123_456_789_012_345;
        await store.recordCost(costReport({ model: "opus", inputTokens: big, usd: 12.5 }));
        await store.recordCost(costReport({ model: "haiku", inputTokens: 10, usd: 0.001 }));
        await store.recordCost(
          costReport({ agentSessionId: "agent-2", model: "opus", inputTokens: 5, usd: 0.25 }),
        );
        expect(await store.readCost({ kind: "session", sessionId: "s-1" })).toEqual({
          opus: totals(big + 5, 0, 12.75),
          haiku: totals(10, 0, 0.001),
        });
      });

      it("reads cost by day range and by issue", async () => {
        await store.recordCost(costReport({ day: "2026-11-20", inputTokens: 1, usd: 1 }));
        await store.recordCost(costReport({ day: "2026-11-21", inputTokens: 2, usd: 2 }));
        await store.recordCost(
          costReport({ day: "2026-11-23", inputTokens: 3, usd: 3, issueKey: "43", sessionId: "s-2" }),
        );
        await store.recordCost(
          costReport({ day: "2026-11-24", inputTokens: 4, usd: 4, repo: "acme/gadgets", issueKey: "ENG-7" }),
        );
        expect(await store.readCostByDay("2026-11-21", "2026-11-23")).toEqual({
          "2026-11-21": { "claude-sonnet-4-5": totals(2, 0, 2) },
          "2026-11-23": { "claude-sonnet-4-5": totals(3, 0, 3) },
        });
        expect(await store.readCostByDay("2026-12-01", "2026-12-31")).toEqual({});
        // Per account (the repo's owner, any case): what someone who sees only some accounts is shown.
        expect(await store.readCostByDay("2026-11-20", "2026-11-24", ["ACME"])).toEqual({
          "2026-11-20": { "claude-sonnet-4-5": totals(1, 0, 1) },
          "2026-11-21": { "claude-sonnet-4-5": totals(2, 0, 2) },
          "2026-11-23": { "claude-sonnet-4-5": totals(3, 0, 3) },
          "2026-11-24": { "claude-sonnet-4-5": totals(4, 0, 4) },
        });
        expect(await store.readCostByDay("2026-11-20", "2026-11-24", ["globex"])).toEqual({});
        expect(await store.readCostByDay("2026-11-20", "2026-11-24", [])).toEqual({});
        expect(await store.readCostByIssue()).toEqual({
          "acme/widgets#42": { "claude-sonnet-4-5": totals(3, 0, 3) },
          "acme/widgets#43": { "claude-sonnet-4-5": totals(3, 0, 3) },
          "acme/gadgets#ENG-7": { "claude-sonnet-4-5": totals(4, 0, 4) },
        });
      });

      it("keeps each account's days apart and sums the accounts asked for", async () => {
        await store.recordCost(costReport({ inputTokens: 10, usd: 1 }));
        await store.recordCost(
          costReport({
            agentSessionId: "agent-2",
            repo: "Globex/site",
            sessionId: "s-9",
            inputTokens: 5,
            usd: 0.5,
          }),
        );
        await store.recordCost(
          costReport({
            agentSessionId: "agent-3",
            repo: "initech/app",
            sessionId: "s-8",
            model: "claude-opus-4-5",
            inputTokens: 7,
            usd: 7,
          }),
        );
        const day = "2026-11-22";
        expect(await store.readCostByDay(day, day, ["globex"])).toEqual({
          [day]: { "claude-sonnet-4-5": totals(5, 0, 0.5) },
        });
        expect(await store.readCostByDay(day, day, ["acme", "GLOBEX", "globex"])).toEqual({
          [day]: { "claude-sonnet-4-5": totals(15, 0, 1.5) },
        });
        expect(await store.readCostByDay(day, day)).toEqual({
          [day]: { "claude-sonnet-4-5": totals(15, 0, 1.5), "claude-opus-4-5": totals(7, 0, 7) },
        });
      });

      it("refuses a report with a negative or fractional token count", async () => {
        await expect(store.recordCost(costReport({ inputTokens: -1 }))).rejects.toThrow(/whole numbers/);
        await expect(store.recordCost(costReport({ outputTokens: 1.5 }))).rejects.toThrow(/whole numbers/);
        expect(await store.readCostByIssue()).toEqual({});
      });
    });

    describe("runners", () => {
      it("saves, reads back and lists runners", async () => {
        const r1 = makeRunner("r1", { createdAt: t0 + 2 });
        const r2 = makeRunner("r2", { createdAt: t0 + 1, repos: [] });
        await store.saveRunner(r1);
        await store.saveRunner(r2);
        expect(await store.getRunner("r1")).toEqual(r1);
        expect(await store.getRunner("r-none")).toBeUndefined();
        expect(await store.listRunners()).toEqual([r2, r1]);
        await store.saveRunner({ ...r1, revoked: true, lastSeenAt: t0 + 9 });
        expect(await store.getRunner("r1")).toEqual({ ...r1, revoked: true, lastSeenAt: t0 + 9 });
        expect(await store.listRunners()).toHaveLength(2);
      });
    });
  });
}
