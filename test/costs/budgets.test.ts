// Budgets end to end: cost updates reach the app as a registered runner sends them (POST /api/runner/events with
// its real token, real Redis), the store aggregates them, and the session, issue and day budgets of
// .github/drover.yml warn at the threshold and, at the limit, put a kill job on that runner's queue and page a
// human — once, however often a report repeats.
import { afterEach, describe, expect, it } from "vitest";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import { type CostApp, type CostRunner, costEvent, startCostApp } from "./cost-app.js";

let s: CostApp;
afterEach(async () => s?.close());

const notices = (kind: string, sessionId?: string) =>
  s.t.recorded.notifications
    .filter((n) => n.notification.kind === kind && (sessionId === undefined || n.sessionId === sessionId))
    .map((n) => ({ sessionId: n.sessionId, priority: n.notification.priority, body: n.notification.body }));

async function killJobs(sessionId: string) {
  return (await s.t.store.listJobs({ sessionId })).filter((job) => job.payload.kind === "kill");
}

/** The kill job is on the queue of the runner that runs the agent, and that runner's next poll takes it. */
async function expectStopped(runner: CostRunner, sessionId: string, scope: string) {
  const session = await s.t.store.getSession(sessionId);
  expect(session).toMatchObject({ state: "killed" });
  expect(session?.reason).toContain(`per-${scope} budget`);
  const kills = await killJobs(sessionId);
  expect(kills.map((job) => job.queue)).toEqual([`runner:${runner.runnerId}`]);
  const leased = await runner.poll();
  expect(leased.filter((j) => j.job.kind === "kill").map((j) => j.job.sessionId)).toEqual([sessionId]);
  expect(notices("budget-stop", sessionId)).toEqual([
    expect.objectContaining({ priority: "urgent", body: expect.stringContaining(`per-${scope} budget`) }),
  ]);
}

describe("the per-session budget", () => {
  it("warns at 80 %, stops the agent at the limit, and counts a repeated report once", async () => {
    s = await startCostApp("budget-session", { droverYml: "budgets:\n  perSession: 10\n" });
    const laptop = await s.register("laptop");
    await s.running(laptop, "web-1", 1);

    expect((await laptop.send([costEvent("web-1", { usd: 5 })])).status).toBe(200);
    expect(notices("budget-warning")).toEqual([]);
    await laptop.send([costEvent("web-1", { usd: 8.5 })]);
    expect(notices("budget-warning", "web-1")).toEqual([
      { sessionId: "web-1", priority: "warning", body: "$8.50 of the per-session budget of $10.00." },
    ]);
    // The same cumulative report again (a runner restarted and read the transcript from the start).
    await laptop.send([costEvent("web-1", { usd: 8.5 }), costEvent("web-1", { usd: 8.5 })]);
    const [total] = Object.values(await s.t.store.readCost({ kind: "session", sessionId: "web-1" }));
    expect(total?.usd).toBe(8.5);
    expect(notices("budget-warning")).toHaveLength(1);
    expect(await killJobs("web-1")).toEqual([]);
    expect((await s.t.store.getSession("web-1"))?.state).toBe("working");

    expect((await laptop.send([costEvent("web-1", { usd: 10.2 })])).status).toBe(200);
    await expectStopped(laptop, "web-1", "session");
    expect((await s.t.store.getSession("web-1"))?.cost.usd).toBe(10.2);

    // The agent's last read after it was stopped: recorded, but no second stop or page.
    await laptop.send([costEvent("web-1", { usd: 10.4 })]);
    expect(await killJobs("web-1")).toHaveLength(1);
    expect(notices("budget-stop")).toHaveLength(1);
    expect((await s.t.store.getSession("web-1"))?.cost.usd).toBe(10.4);
  });

  it("adds a session's models up in whole micro-dollars, so $0.10 + $0.70 reaches a $0.80 budget", async () => {
    s = await startCostApp("budget-cents", { droverYml: "budgets:\n  perSession: 0.8\n" });
    const laptop = await s.register("laptop");
    await s.running(laptop, "web-2", 2);
    await laptop.send([
      costEvent("web-2", { usd: 0.1, model: "claude-haiku-4-5" }),
      costEvent("web-2", { usd: 0.7, model: "claude-sonnet-4-5" }),
    ]);
    await expectStopped(laptop, "web-2", "session");
  });

  it("records a late report for a merged session without stopping or paging anyone", async () => {
    s = await startCostApp("budget-merged", { droverYml: "budgets:\n  perSession: 1\n" });
    const laptop = await s.register("laptop");
    await s.running(laptop, "web-3", 3);
    for (const event of [
      {
        type: "pr.opened",
        id: "pr-1",
        number: 30,
        url: "https://x.invalid/30",
        headSha: "a1",
        baseRef: "main",
      },
      { type: "pr.closed", id: "pr-2", merged: true },
    ] as const)
      await handleSessionEvent(s.t.app, "web-3", event, { wait: true });
    expect((await s.t.store.getSession("web-3"))?.state).toBe("merged");

    await laptop.send([costEvent("web-3", { usd: 3 })]);
    const session = await s.t.store.getSession("web-3");
    expect(session).toMatchObject({ state: "merged", cost: { usd: 3 } });
    expect(await killJobs("web-3")).toEqual([]);
    expect(notices("budget-stop")).toEqual([]);
  });
});

describe("the per-issue budget", () => {
  it("adds up every session on the issue and stops the one whose report reaches the limit", async () => {
    s = await startCostApp("budget-issue", { droverYml: "budgets:\n  perIssue: 10\n  warnAt: 0.75\n" });
    const laptop = await s.register("laptop");
    const desktop = await s.register("desktop");
    await s.running(laptop, "web-a", 42);
    await s.running(desktop, "web-b", 42);
    await s.running(laptop, "web-other", 43);

    await laptop.send([costEvent("web-a", { usd: 6 })]);
    await laptop.send([costEvent("web-other", { usd: 5 })]);
    expect(notices("budget-warning")).toEqual([]);
    await desktop.send([costEvent("web-b", { usd: 1.5, model: "claude-opus-4-5" })]);
    expect(notices("budget-warning")).toEqual([
      { sessionId: "web-b", priority: "warning", body: "$7.50 of the per-issue budget of $10.00." },
    ]);
    await desktop.send([costEvent("web-b", { usd: 4.25, model: "claude-opus-4-5" })]);
    await expectStopped(desktop, "web-b", "issue");
    expect(notices("budget-stop", "web-b")[0]?.body).toBe(
      "The per-issue budget of $10.00 is spent ($10.25). The agent was stopped.",
    );
    // The other session of the issue stops at its next report; the other issue's session goes on.
    expect((await s.t.store.getSession("web-a"))?.state).toBe("working");
    await laptop.send([costEvent("web-a", { usd: 6.01 })]);
    await expectStopped(laptop, "web-a", "issue");
    await laptop.send([costEvent("web-other", { usd: 5.5 })]);
    expect((await s.t.store.getSession("web-other"))?.state).toBe("working");
    expect(await killJobs("web-other")).toEqual([]);
  });
});

describe("the per-day budget", () => {
  it("adds up everything spent that UTC day across sessions and repos", async () => {
    s = await startCostApp("budget-day", { droverYml: "budgets:\n  perDay: 20\n" });
    const laptop = await s.register("laptop");
    await s.running(laptop, "web-x", 7);
    await s.running(laptop, "api-y", 8, "acme/api");

    // Yesterday's usage is not today's.
    await laptop.send([costEvent("web-x", { usd: 30, day: "2026-11-21" })]);
    expect(notices("budget-stop")).toEqual([]);
    await laptop.send([costEvent("web-x", { usd: 12 })]);
    expect(notices("budget-warning")).toEqual([]);
    await laptop.send([costEvent("api-y", { usd: 4.5 })]);
    expect(notices("budget-warning", "api-y")).toEqual([
      { sessionId: "api-y", priority: "warning", body: "$16.50 of the per-day budget of $20.00." },
    ]);
    await laptop.send([costEvent("api-y", { usd: 8, model: "claude-haiku-4-5" })]);
    await expectStopped(laptop, "api-y", "day");
    expect(notices("budget-stop", "api-y")[0]?.body).toBe(
      "The per-day budget of $20.00 is spent ($24.50). The agent was stopped.",
    );
    expect((await s.t.store.getSession("web-x"))?.state).toBe("working");
  });
});

describe("cost updates", () => {
  it("add up exactly when four runners report on one issue at the same time, repeats included", async () => {
    s = await startCostApp("cost-concurrent");
    const ids = ["web-c1", "web-c2", "web-c3", "web-c4"];
    const runners = await Promise.all(ids.map((id) => s.register(`runner-${id}`)));
    for (const [i, id] of ids.entries()) await s.running(runners[i]!, id, 42);
    // Each runner sends its session's cumulative totals 10 times ($0.10 more each time), every report twice.
    await Promise.all(
      ids.map(async (id, i) => {
        for (let step = 1; step <= 10; step++) {
          const usd = Math.round(step * 0.1 * 1e6) / 1e6;
          const reply = await runners[i]!.send([costEvent(id, { usd }), costEvent(id, { usd })]);
          expect(reply.status).toBe(200);
        }
      }),
    );
    const total = (byModel: Record<string, { usd: number; inputTokens: number }>) =>
      Object.values(byModel).reduce((n, t) => ({ usd: n.usd + t.usd, input: n.input + t.inputTokens }), {
        usd: 0,
        input: 0,
      });
    expect(total(await s.t.store.readCost({ kind: "issue", repo: "acme/web", issueKey: "42" }))).toEqual({
      usd: 4,
      input: 4 * 10_000,
    });
    expect(total(await s.t.store.readCost({ kind: "day", day: "2026-11-22" }))).toEqual({
      usd: 4,
      input: 40_000,
    });
    for (const id of ids) {
      expect(total(await s.t.store.readCost({ kind: "session", sessionId: id }))).toEqual({
        usd: 1,
        input: 10_000,
      });
      expect((await s.t.store.getSession(id))?.cost).toEqual({ usd: 1, tokens: 100_000 });
    }
  });
});
