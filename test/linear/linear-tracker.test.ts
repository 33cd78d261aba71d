// A Linear issue follows its session, driven by the session's own events through handleSessionEvent: In Progress
// once the agent runs, In Review with the PR open (and the PR linked in a comment), Done on merge (with the cost
// in a comment, edited if the cost grows before cleanup). Each move and comment happens once.
import { afterEach, describe, expect, it } from "vitest";
import type { SessionEventBody } from "../../src/core/events.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import type { RunnerRecord } from "../../src/store/store.js";
import { engStates } from "./linear-fake.js";
import { issueDelivery, type LinearServer, startLinearServer } from "./linear-server.js";

let s: LinearServer;
afterEach(async () => s?.close());

const runner: RunnerRecord = {
  id: "laptop",
  name: "laptop",
  secretHash: "0".repeat(64),
  repos: ["acme/web"],
  capacity: 2,
  createdAt: 0,
  lastSeenAt: 0,
  revoked: false,
};

let n = 0;
const send = (id: string, body: SessionEventBody) =>
  handleSessionEvent(s.t.app, id, { ...body, id: `ev${++n}` } as never, { wait: true });

async function startSession(): Promise<string> {
  await s.t.store.saveRunner(runner);
  const res = await s.deliver(issueDelivery({ identifier: "ENG-12" }));
  expect(res.body.outcome).toBe("started");
  return res.body.sessionId as string;
}

const moves = () =>
  s.api
    .of("updateIssue")
    .map((c) => ({ id: c.variables.id, stateId: (c.variables.input as { stateId: string }).stateId }));
const commentBodies = () =>
  s.api.of("createComment").map((c) => (c.variables.input as { body: string }).body);

async function errorsLogged(id: string): Promise<string[]> {
  return (await s.t.store.readLog(id)).filter((e) => e.kind === "error").map((e) => e.summary);
}

describe("Linear issue follows its session", () => {
  it("moves In Progress → In Review → Done and posts the PR link and the cost", async () => {
    s = await startLinearServer("lin-moves");
    const id = await startSession();
    expect(s.api.calls).toEqual([]); // queued: nobody works on it yet

    await send(id, { type: "spawn.leased", runnerId: "laptop" });
    await send(id, { type: "agent.spawned", runnerId: "laptop" });
    expect(moves()).toEqual([{ id: "issue-eng-12", stateId: "state-progress" }]);
    expect(s.api.of("workflowStates")[0]?.variables).toMatchObject({
      filter: { team: { id: { eq: "team-eng" } } },
    });

    // More events while working move nothing again.
    await send(id, { type: "agent.idle" });
    await send(id, { type: "agent.activity", detail: "editing" });
    await send(id, { type: "agent.cost", usd: 1.234, tokens: 45_678 });
    expect(moves()).toHaveLength(1);

    await send(id, {
      type: "pr.opened",
      number: 7,
      url: "https://github.com/acme/web/pull/7",
      headSha: "a".repeat(40),
      baseRef: "main",
    });
    expect(moves().at(-1)).toEqual({ id: "issue-eng-12", stateId: "state-review" });
    expect(commentBodies()).toHaveLength(1);
    expect(commentBodies()[0]).toContain("[acme/web#7](https://github.com/acme/web/pull/7)");
    expect(commentBodies()[0]).toContain("`drover/eng-12-fix-login`");
    expect(s.api.of("createComment")[0]?.variables.input).toMatchObject({ issueId: "issue-eng-12" });

    // CI and reviews change the session's state but not the Linear stage: no further calls.
    await send(id, { type: "ci.result", sha: "a".repeat(40), checks: [{ name: "test", status: "success" }] });
    expect(moves()).toHaveLength(2);
    expect(commentBodies()).toHaveLength(1);

    const merged = await send(id, { type: "pr.closed", merged: true });
    expect(merged?.state).toBe("merged");
    expect(moves().at(-1)).toEqual({ id: "issue-eng-12", stateId: "state-done" });
    expect(commentBodies()).toHaveLength(2);
    expect(commentBodies()[1]).toContain("merged");
    expect(commentBodies()[1]).toContain("Agent cost: **$1.23** (45,678 tokens, claude-code");

    // The state cache: one lookup of the team's states for all three moves.
    expect(s.api.of("workflowStates")).toHaveLength(1);

    // A late cost report, then cleanup (merged → done): the cost comment is edited, not posted again.
    await send(id, { type: "agent.cost", usd: 1.5, tokens: 50_000 });
    const done = await send(id, { type: "cleanup.done" });
    expect(done?.state).toBe("done");
    expect(commentBodies()).toHaveLength(2);
    expect(s.api.of("updateComment")).toHaveLength(1);
    expect(s.api.of("updateComment")[0]?.variables).toMatchObject({ id: "comment-2" });
    expect(JSON.stringify(s.api.of("updateComment")[0]?.variables)).toContain("**$1.50** (50,000 tokens");
    expect(moves()).toHaveLength(3);

    expect(await errorsLogged(id)).toEqual([]);
    const log = (await s.t.store.readLog(id)).filter((e) => e.kind === "linear").map((e) => e.summary);
    expect(log).toEqual([
      'Linear issue ENG-12 moved to "In Progress"',
      'Linear issue ENG-12 moved to "In Review"',
      "PR #7 linked on Linear issue ENG-12",
      'Linear issue ENG-12 moved to "Done"',
      "cost ($1.23) posted on Linear issue ENG-12",
      "cost ($1.50) posted on Linear issue ENG-12",
    ]);
  });

  it("uses the state names from DROVER_LINEAR_STATES, matched without regard to case", async () => {
    s = await startLinearServer("lin-names", { DROVER_LINEAR_STATES: "working=doing,review=Code review" });
    engStates["team-eng"]!.push({ id: "state-doing", name: "Doing", type: "started" });
    engStates["team-eng"]!.push({ id: "state-code-review", name: "Code Review", type: "started" });
    try {
      const id = await startSession();
      await send(id, { type: "agent.spawned", runnerId: "laptop" });
      await send(id, {
        type: "pr.opened",
        number: 8,
        url: "https://github.com/acme/web/pull/8",
        headSha: "b".repeat(40),
        baseRef: "main",
      });
      await send(id, { type: "pr.closed", merged: true });
      expect(moves().map((m) => m.stateId)).toEqual(["state-doing", "state-code-review", "state-done"]);
    } finally {
      engStates["team-eng"]!.splice(-2);
    }
  });

  it("says which names the team has when a configured state does not exist, and retries once fixed", async () => {
    s = await startLinearServer("lin-unknown", { DROVER_LINEAR_STATES: "working=Hacking" });
    const id = await startSession();
    await send(id, { type: "agent.spawned", runnerId: "laptop" });
    expect(moves()).toEqual([]);
    const [error] = await errorsLogged(id);
    expect(error).toMatch(/no workflow state "Hacking".*"In Progress".*DROVER_LINEAR_STATES/);
    // The failed step stays in the outbox, so the issue still moves once the team has the state.
    const session = await s.t.store.getSession(id);
    expect(session?.outbox?.map((p) => p.effect.type)).toContain("update_status");
  });

  it("leaves the issue where it is when the session is killed, and says so with the cost", async () => {
    s = await startLinearServer("lin-killed");
    const id = await startSession();
    await send(id, { type: "agent.spawned", runnerId: "laptop" });
    await send(id, { type: "agent.cost", usd: 0.4, tokens: 9000 });
    await send(id, { type: "human.kill", by: "ada" });
    expect(moves().map((m) => m.stateId)).toEqual(["state-progress"]);
    expect(commentBodies()).toEqual([
      "Drover's session for this issue was stopped (killed by @ada).\n\nAgent cost: **$0.40** (9,000 tokens, claude-code).",
    ]);
  });

  it("finds the issue by its key for a session that did not come from the webhook", async () => {
    s = await startLinearServer("lin-lookup");
    const { createSession } = await import("../../src/sessions/create-session.js");
    s.api.on("issueLink", (variables) => ({
      data: { issue: variables.id === "ENG-99" ? { id: "issue-uuid-99", team: { id: "team-eng" } } : null },
    }));
    await s.t.store.saveRunner(runner);
    await createSession(
      s.t.app,
      {
        id: "web-eng-99",
        repo: "acme/web",
        issue: {
          tracker: "linear",
          key: "ENG-99",
          title: "Tidy",
          url: "https://linear.app/acme/issue/eng-99",
        },
        agent: "claude-code",
        branch: "drover/eng-99-tidy",
        runnerAvailable: true,
      },
      { wait: true },
    );
    expect(s.api.calls).toEqual([]); // nothing to do while queued, so no lookup either
    await send("web-eng-99", { type: "agent.spawned", runnerId: "laptop" });
    await send("web-eng-99", { type: "agent.idle" });
    expect(s.api.of("issueLink")).toHaveLength(1);
    expect(s.api.of("issueLink")[0]?.variables).toEqual({ id: "ENG-99" });
    expect(moves()).toEqual([{ id: "issue-uuid-99", stateId: "state-progress" }]);
  });
});
