// Polling and reporting over real HTTP: leases and hand-over, jobs of ended sessions, events applied once and
// in order, cost and output, and a runner kept away from another runner's sessions and jobs.
import { afterEach, describe, expect, it } from "vitest";
import { protocolVersion } from "../../src/protocol/version.js";
import { outputLogId } from "../../src/server/runner/output-log.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import { type ProtocolServer, startProtocolServer } from "./protocol-server.js";

let s: ProtocolServer;
afterEach(async () => s?.close());

interface Leased {
  id: string;
  attempts: number;
  job: { kind: string; sessionId?: string; message?: string };
}

async function poll(token: string, extra: Record<string, unknown> = {}) {
  const res = await s.call("POST", "/api/runner/poll", {
    token,
    body: {
      protocol: protocolVersion,
      capacity: 2,
      running: 0,
      repos: ["acme/web"],
      leaseMs: 5_000,
      ...extra,
    },
  });
  expect(res.status).toBe(200);
  return res.body as { jobs: Leased[]; pollAfterMs: number };
}

let seq = 0;
const events = (token: string, list: Record<string, unknown>[], stream = "stream-a") =>
  s.call("POST", "/api/runner/events", {
    token,
    body: {
      protocol: protocolVersion,
      stream,
      events: list.map((e) => ({ seq: ++seq, at: Date.now(), ...e })),
    },
  });

describe("polling", () => {
  it("leases the spawn job of a repo the runner has, records who took it, and hints how soon to poll again", async () => {
    s = await startProtocolServer("proto-poll");
    const laptop = await s.register("laptop", ["acme/web"]);
    const other = await s.register("other", ["acme/api"]);
    expect((await poll(laptop.token)).pollAfterMs).toBe(10_000);
    await s.newSession("web-1");

    expect((await poll(other.token, { repos: ["acme/api"] })).jobs).toEqual([]);
    const full = await poll(laptop.token, { running: 2 });
    expect(full.jobs).toEqual([]);
    expect(full.pollAfterMs).toBe(2_000);

    const got = await poll(laptop.token);
    expect(got.jobs).toMatchObject([
      { attempts: 1, job: { kind: "spawn", sessionId: "web-1", recovery: false } },
    ]);
    expect(got.pollAfterMs).toBe(250);
    await s.t.app.settle();
    const session = await s.t.store.getSession("web-1");
    expect(session).toMatchObject({ state: "spawning", runnerId: laptop.runnerId });
    expect((await poll(laptop.token)).jobs).toEqual([]);
  });

  it("hands a job whose lease expired to another runner", async () => {
    s = await startProtocolServer("proto-lease");
    const a = await s.register("a");
    const b = await s.register("b");
    await s.newSession("web-2");
    const first = await poll(a.token);
    expect(first.jobs).toHaveLength(1);
    expect((await poll(b.token)).jobs).toEqual([]);

    // a heartbeats once, then goes silent.
    s.t.clock.now += 3_000;
    const beat = await s.call("POST", "/api/runner/heartbeat", {
      token: a.token,
      body: { protocol: protocolVersion, jobIds: [first.jobs[0]!.id, "job_not_mine"], leaseMs: 5_000 },
    });
    expect(beat.body.held).toEqual([first.jobs[0]!.id]);
    s.t.clock.now += 4_000;
    expect((await poll(b.token)).jobs).toEqual([]);
    s.t.clock.now += 2_000;
    const second = await poll(b.token);
    expect(second.jobs).toMatchObject([{ id: first.jobs[0]!.id, attempts: 2, job: { kind: "spawn" } }]);

    // a's late report on the job it lost is refused; b's is applied.
    const late = await events(a.token, [{ type: "job.finished", jobId: first.jobs[0]!.id, ok: true }]);
    expect(late.status).toBe(403);
    const done = await events(
      b.token,
      [
        { type: "agent.spawned", sessionId: "web-2", agentSessionId: "claude-1" },
        { type: "job.finished", jobId: first.jobs[0]!.id, ok: true },
      ],
      "stream-b",
    );
    expect(done.status).toBe(200);
    expect(await s.t.store.getSession("web-2")).toMatchObject({ state: "working", runnerId: b.runnerId });
    expect((await s.t.store.getJob(first.jobs[0]!.id))?.state).toBe("completed");
  });

  it("runs the sweep during a poll, at most every 30 s, so timers fire where no cron runs", async () => {
    s = await startProtocolServer("proto-sweep");
    const a = await s.register("a");
    await s.newSession("web-9");
    await handleSessionEvent(
      s.t.app,
      "web-9",
      { type: "agent.spawned", runnerId: a.runnerId, id: "sp" },
      { wait: true },
    );
    // Busy and silent past the stuck threshold (10 minutes by default): the stuck timer is due.
    s.t.clock.now += 11 * 60_000;
    await poll(a.token, { repos: [] });
    await s.t.app.settle();
    expect((await s.t.store.getSession("web-9"))?.state).toBe("stuck");
    // The throttle is held for 30 s: polls in between do not sweep again.
    expect(await s.t.store.acquireLock("sweep-from-poll", 30_000)).toBeUndefined();
  });

  it("finishes jobs of an ended session as skipped instead of handing them out", async () => {
    s = await startProtocolServer("proto-skip");
    const a = await s.register("a");
    await s.newSession("web-3");
    await handleSessionEvent(s.t.app, "web-3", { type: "human.kill", by: "maria", id: "k1" }, { wait: true });
    expect((await poll(a.token)).jobs).toEqual([]);
    const [job] = await s.t.store.listJobs({ sessionId: "web-3" });
    expect(job?.state).toBe("completed");
    const log = await s.t.store.readLog("web-3");
    expect(log.map((e) => e.summary)).toContain("spawn job skipped: the session is killed");
  });
});

describe("events", () => {
  async function running(id: string) {
    const a = await s.register("a");
    await s.newSession(id);
    const [leased] = (await poll(a.token)).jobs;
    await s.t.app.settle();
    return { ...a, jobId: leased!.id };
  }

  it("moves the session through the lifecycle and applies a batch sent twice only once", async () => {
    s = await startProtocolServer("proto-events");
    const a = await running("web-4");
    const batch = {
      protocol: protocolVersion,
      stream: "stream-explicit",
      events: [
        { seq: 1, at: 1, type: "agent.spawned", sessionId: "web-4" },
        { seq: 2, at: 2, type: "job.finished", jobId: a.jobId, ok: true },
        {
          seq: 3,
          at: 3,
          type: "agent.activity",
          sessionId: "web-4",
          detail: "Edit src/a.ts",
          agentSessionId: "c-1",
        },
        { seq: 4, at: 4, type: "agent.idle", sessionId: "web-4" },
      ],
    };
    for (let i = 0; i < 2; i++) {
      const res = await s.call("POST", "/api/runner/events", { token: a.token, body: batch });
      expect(res).toMatchObject({ status: 200, body: { lastSeq: 4, stale: [] } });
    }
    await s.t.app.settle();
    const session = await s.t.store.getSession("web-4");
    expect(session).toMatchObject({
      state: "working",
      agentFacts: { phase: "running", busy: false, agentSessionId: "c-1" },
    });
    const log = (await s.t.store.readLog("web-4")).filter((e) => e.kind === "event").map((e) => e.summary);
    expect(log.filter((l) => l === "agent: Edit src/a.ts")).toHaveLength(1);
    expect(log.filter((l) => l.startsWith("agent started"))).toHaveLength(1);

    const ask = await events(a.token, [
      { type: "agent.needs_input", sessionId: "web-4", message: "Blue or green?" },
    ]);
    expect(ask.status).toBe(200);
    await s.t.app.settle();
    expect((await s.t.store.getSession("web-4"))?.state).toBe("needs_input");
    expect(s.t.recorded.notifications.map((n) => n.notification.kind)).toContain("needs-input");

    await events(a.token, [{ type: "agent.exited", sessionId: "web-4", code: 3 }]);
    expect(await s.t.store.getSession("web-4")).toMatchObject({
      state: "errored",
      reason: "the agent exited with code 3",
    });
  });

  it("refuses events about another runner's session or job, applying nothing of the batch", async () => {
    s = await startProtocolServer("proto-forbidden");
    const a = await running("web-5");
    const b = await s.register("b");
    const res = await events(b.token, [
      { type: "convoy.progress", convoyId: "c1", status: "started" },
      { type: "agent.spawned", sessionId: "web-5" },
      { type: "job.finished", jobId: a.jobId, ok: true },
      { type: "agent.idle", sessionId: "nope" },
    ]);
    expect(res.status).toBe(403);
    const forbidden = (res.body.details as { forbidden: { seq: number; reason: string }[] }).forbidden;
    expect(forbidden.map((f) => f.reason)).toEqual([
      "session web-5 is run by another runner",
      `job ${a.jobId} is not leased to this runner`,
      "there is no session nope",
    ]);
    expect((await s.t.store.getSession("web-5"))?.state).toBe("spawning");
    // b cannot see a's jobs either: a's own queue is a's.
    await handleSessionEvent(s.t.app, "web-5", { type: "human.kill", by: "maria", id: "k" }, { wait: true });
    expect((await poll(b.token)).jobs).toEqual([]);
    expect((await poll(a.token)).jobs.map((j) => j.job.kind)).toEqual(["kill"]);
  });

  it("says which field is wrong, and refuses sequence numbers that go backwards", async () => {
    s = await startProtocolServer("proto-events-invalid");
    const a = await s.register("a");
    const wrong = await s.call("POST", "/api/runner/events", {
      token: a.token,
      body: {
        protocol: protocolVersion,
        stream: "stream-a",
        events: [{ seq: 1, at: 1, type: "agent.exited", sessionId: "x", code: "one" }],
      },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toContain("events.0.code");
    const backwards = await s.call("POST", "/api/runner/events", {
      token: a.token,
      body: {
        protocol: protocolVersion,
        stream: "stream-a",
        events: [
          { seq: 5, at: 1, type: "agent.idle", sessionId: "x" },
          { seq: 5, at: 1, type: "agent.idle", sessionId: "x" },
        ],
      },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toContain("events.1.seq: sequence numbers must increase");
  });

  it("records cost, keeps the output tail beside the log, and logs convoy progress and failed spawns", async () => {
    s = await startProtocolServer("proto-cost");
    const a = await running("web-6");
    const cost = {
      type: "agent.cost",
      sessionId: "web-6",
      agentSessionId: "c-9",
      model: "claude-opus-5-5",
      day: "2026-11-22",
      inputTokens: 100,
      outputTokens: 50,
      cacheCreationTokens: 10,
      cacheReadTokens: 1000,
      usd: 0.5,
    };
    const res = await events(a.token, [
      { type: "agent.spawned", sessionId: "web-6" },
      cost,
      { ...cost, outputTokens: 70, usd: 0.75 },
      { type: "agent.output", sessionId: "web-6", lines: ["building…", "ok: 3 tests", ""] },
      { type: "convoy.progress", convoyId: "cv1", sessionId: "web-6", role: "security", status: "done" },
    ]);
    expect(res.status).toBe(200);
    const byModel = await s.t.store.readCost({ kind: "session", sessionId: "web-6" });
    expect(byModel["claude-opus-5-5"]).toMatchObject({ outputTokens: 70, usd: 0.75 });
    expect((await s.t.store.getSession("web-6"))?.cost).toEqual({ usd: 0.75, tokens: 1180 });
    const output = await s.t.store.readLog(outputLogId("web-6"));
    expect(output).toMatchObject([
      { kind: "output", summary: "ok: 3 tests", data: { lines: ["building…", "ok: 3 tests", ""] } },
    ]);
    const log = await s.t.store.readLog("web-6");
    expect(log.map((e) => e.summary)).toContain("convoy cv1 security: done");

    s.t.clock.now += 1000;
    await s.newSession("web-7");
    const [spawn] = (await poll(a.token)).jobs;
    await events(a.token, [
      { type: "job.finished", jobId: spawn!.id, ok: false, error: "no checkout of acme/web" },
    ]);
    expect(await s.t.store.getSession("web-7")).toMatchObject({
      state: "errored",
      reason: `runner ${a.runnerId} could not start the agent: no checkout of acme/web`,
    });
    expect((await s.t.store.getJob(spawn!.id))?.state).toBe("failed");
  });
});
