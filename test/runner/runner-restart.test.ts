// A runner that stops or crashes finds its agents again when it starts: they kept running in its tmux server,
// what they reported meanwhile was kept, and they are watched and reachable as before.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import { capturePane, type RunnerProcess, type Stack, startStack, waitFor } from "./support/runner-stack.js";

let stack: Stack;
let runner: RunnerProcess;
let sessionId: string;
let workspace: string;

beforeAll(async () => {
  stack = await startStack("restart");
  runner = await stack.addRunner("laptop");
  sessionId = await stack.spawnSession("Survive a restart");
  workspace = join(runner.dataDir, "workspaces", "acme--demo", "7-survive-a-restart");
  await stack.waitForState(sessionId, "needs_input", "the stand-in's question");
});
afterAll(async () => stack?.close());

describe("runner restart", () => {
  it("keeps the agent running while the runner is stopped, and keeps what the agent reports meanwhile", async () => {
    expect(await runner.stop("SIGTERM")).toBe(0);
    expect(runner.output()).toContain("runner stopped");
    expect(capturePane(runner.tmuxSocket, sessionId)).toContain("reply>");
    // The agent reports while no runner listens: the report waits in the runner's spool.
    const report = await runner.report(["working", "picked it up again"], join(workspace, ".github"));
    expect(report).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("kept and delivered when it starts"),
    });
  });

  it("re-attaches after a clean restart: the spooled report arrives, and messages reach the agent", async () => {
    await runner.start();
    expect(runner.output()).toMatch(/"reattached":1/);
    await waitFor(
      async () => (await stack.summaries(sessionId)).includes("agent reports working: picked it up again"),
      "the spooled report",
    );
    const sent = await runner.drover(["runner", "send", sessionId, "after the restart"]);
    expect(sent).toMatchObject({ code: 0, stdout: "delivered (typed) and submitted\n" });
    expect(readFileSync(join(stack.standInOut, "message-1.txt"), "utf8")).toBe("after the restart");
  });

  it("re-attaches after a crash too, and reports the agent's exit code when it ends", async () => {
    await runner.stop("SIGKILL");
    expect(capturePane(runner.tmuxSocket, sessionId)).toContain("got message 1");
    await runner.start();
    expect(runner.output().match(/"reattached":1/g)).toHaveLength(2);
    const killed = await runner.drover(["runner", "send", sessionId, "exit 4"]);
    expect(killed.code).toBe(0);
    const session = await waitFor(async () => {
      const s = await stack.session(sessionId);
      return s.state === "errored" ? s : undefined;
    }, "the agent's exit to reach the app");
    expect(session).toMatchObject({
      reason: "the agent exited with code 4",
      agentFacts: { phase: "exited", exitCode: 4 },
    });
    expect(existsSync(workspace)).toBe(true);
    const again = await runner.drover(["runner", "kill", sessionId]);
    expect(again).toMatchObject({ code: 0, stdout: "the agent had already exited\n" });
  });

  it("respawns the agent in the same workspace with the recovery prompt", async () => {
    await handleSessionEvent(
      stack.app,
      sessionId,
      { type: "human.respawn", by: "maria", id: "respawn-1" },
      { wait: true },
    );
    await stack.waitForState(sessionId, "needs_input", "the respawned agent's question");
    const log = await stack.summaries(sessionId);
    expect(log).toContain(`spawn job done: respawned custom in tmux in ${workspace}`);
    expect(capturePane(runner.tmuxSocket, sessionId)).toContain(
      "stand-in agent: You were working on Survive a restart",
    );
    // The new agent found the first one's commit in the workspace and added its own.
    const subjects = execFileSync("git", ["-C", workspace, "log", "--format=%s"], { encoding: "utf8" })
      .trim()
      .split("\n");
    expect(subjects).toEqual(["stand-in: first change", "stand-in: first change", "init"]);
  });
});
