// The session service against real Redis: events in, effects out through the outbox, timers through the
// sweep, and nothing lost when a port fails or writers race.
import { afterEach, describe, expect, it } from "vitest";
import type { SessionEventBody } from "../../src/core/events.js";
import type { NewSession } from "../../src/core/session.js";
import { createSession } from "../../src/sessions/create-session.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import { sweep } from "../../src/sessions/sweep.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

const minute = 60_000;
let t: TestApp;
afterEach(async () => t?.close());

function newSession(id = "web-42", batchId?: string): NewSession {
  return {
    id,
    repo: "acme/web",
    issue: {
      tracker: "github",
      key: id.split("-")[1]!,
      number: 42,
      title: "Fix login",
      url: `https://github.com/acme/web/issues/${id}`,
    },
    agent: "claude-code",
    branch: `drover/${id}`,
    runnerAvailable: true,
    ...(batchId ? { batchId } : {}),
  };
}

let n = 0;
const send = (id: string, body: SessionEventBody) =>
  handleSessionEvent(t.app, id, { ...body, id: `ev${++n}` } as never, { wait: true });

describe("session service", () => {
  it("queues the spawn job for runners with the repo and logs what happened", async () => {
    t = createTestApp({ name: "svc-spawn" });
    const session = await createSession(t.app, newSession(), { wait: true });
    expect(session?.outbox).toEqual([]);
    const jobs = await t.store.listJobs({ sessionId: "web-42" });
    expect(jobs).toMatchObject([
      { queue: "repo:acme/web", state: "queued", payload: { kind: "spawn", branch: "drover/web-42" } },
    ]);
    const log = await t.store.readLog("web-42");
    expect(log.map((e) => e.summary)).toContain("spawn job queued");
    expect(await createSession(t.app, newSession())).toBeUndefined();
  });

  it("sends runner work to the runner that runs the session", async () => {
    t = createTestApp({ name: "svc-runner" });
    await createSession(t.app, newSession(), { wait: true });
    await send("web-42", { type: "spawn.leased", runnerId: "laptop" });
    await send("web-42", { type: "agent.spawned", runnerId: "laptop" });
    const killed = await send("web-42", { type: "human.kill", by: "maria" });
    expect(killed?.state).toBe("killed");
    const kill = (await t.store.listJobs({ sessionId: "web-42" })).find((j) => j.payload.kind === "kill");
    expect(kill?.queue).toBe("runner:laptop");
    expect(t.recorded.github.map((g) => g.call)).toContain("setLabels");
  });

  it("ignores a replayed event", async () => {
    t = createTestApp({ name: "svc-replay" });
    await createSession(t.app, newSession(), { wait: true });
    const event = { type: "agent.spawned", runnerId: "laptop", id: "same" } as const;
    expect(await handleSessionEvent(t.app, "web-42", event, { wait: true })).toBeDefined();
    expect(await handleSessionEvent(t.app, "web-42", event, { wait: true })).toBeUndefined();
  });

  it("keeps a failed effect and carries it out on a later sweep", async () => {
    t = createTestApp({ name: "svc-retry" });
    await createSession(t.app, newSession(), { wait: true });
    await send("web-42", { type: "agent.spawned", runnerId: "laptop" });
    t.failNext("notifier", 1);
    const asking = await send("web-42", { type: "agent.needs_input", message: "Which API?" });
    expect(asking?.outbox).toHaveLength(1);
    expect(asking?.outbox?.[0]).toMatchObject({ attempts: 1, lastError: "notifier is down" });
    expect(t.recorded.notifications).toEqual([]);
    t.clock.now += 2 * minute;
    const result = await sweep(t.app);
    expect(result).toMatchObject({ ran: true, outboxesDrained: 1 });
    expect(t.recorded.notifications.map((r) => r.notification.kind)).toEqual(["needs-input"]);
    expect((await t.store.getSession("web-42"))?.outbox).toEqual([]);
  });

  it("fires due timers from the sweep: a silent agent is reported stuck", async () => {
    t = createTestApp({ name: "svc-timers" });
    await createSession(t.app, newSession(), { wait: true });
    await send("web-42", { type: "agent.spawned", runnerId: "laptop" });
    t.clock.now += 5 * minute;
    expect((await sweep(t.app)).timersFired).toBe(0);
    t.clock.now += 6 * minute;
    expect((await sweep(t.app)).timersFired).toBe(1);
    expect((await t.store.getSession("web-42"))?.state).toBe("stuck");
    expect(t.recorded.notifications.map((r) => r.notification)).toMatchObject([
      { kind: "stuck", priority: "urgent" },
    ]);
  });

  it("loses no update when 50 events for one session arrive at once", async () => {
    t = createTestApp({ name: "svc-race" });
    await createSession(t.app, newSession(), { wait: true });
    await send("web-42", { type: "agent.spawned", runnerId: "laptop" });
    await send("web-42", {
      type: "pr.opened",
      number: 7,
      url: "https://github.com/acme/web/pull/7",
      headSha: "a".repeat(40),
      baseRef: "main",
    });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send("web-42", {
          type: "comments.added",
          comments: [{ id: `c${i}`, author: "lint[bot]", isBot: true, body: `issue ${i}` }],
        }),
      ),
    );
    const session = await t.store.getSession("web-42");
    expect(new Set(session?.memory.sentCommentIds)).toEqual(
      new Set(Array.from({ length: 50 }, (_, i) => `c${i}`)),
    );
    const sends = (await t.store.listJobs({ sessionId: "web-42" })).filter((j) => j.payload.kind === "send");
    expect(sends).toHaveLength(50);
  });

  it("sends the all-complete summary once when the batch settles", async () => {
    t = createTestApp({ name: "svc-batch" });
    await createSession(t.app, newSession("web-1", "b1"), { wait: true });
    await createSession(t.app, newSession("web-2", "b1"), { wait: true });
    await send("web-1", { type: "human.kill", by: "maria" });
    expect(t.recorded.notifications).toEqual([]);
    await send("web-2", { type: "human.kill", by: "maria" });
    await send("web-2", { type: "human.wipe", by: "maria", workspace: false });
    const summaries = t.recorded.notifications.filter((r) => r.notification.kind === "all-complete");
    expect(summaries.map((s) => s.notification.title)).toEqual([
      "2 sessions done: 0 merged, 0 need review, 2 failed",
    ]);
  });
});
