// The runner end to end on loopback, with real tmux, git and the stand-in agent: a spawn job starts the agent in
// a new worktree, its reports reach the app, messages (long, multi-line, full of shell syntax) reach its terminal
// and are submitted, its output tail is kept, and a kill stops it.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runnerPaths } from "../../runner/config/paths.js";
import { callDaemon } from "../../runner/local/control-client.js";
import type { DaemonStatus, SessionSummary } from "../../runner/local/control-protocol.js";
import { outputLogId } from "../../src/server/runner/output-log.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import {
  capturePane,
  type RunnerProcess,
  type Stack,
  standInConfig,
  startStack,
  waitFor,
} from "./support/runner-stack.js";

let stack: Stack;
let runner: RunnerProcess;
let sessionId: string;
let workspace: string;

beforeAll(async () => {
  stack = await startStack("lifecycle", { repoConfig: standInConfig("workspace:\n  symlinks: [.env]\n") });
  // An untracked file of the checkout, linked into each workspace (and kept out of the agent's commits).
  writeFileSync(join(stack.repo, ".env"), "SECRET=1\n");
  runner = await stack.addRunner("laptop");
  sessionId = await stack.spawnSession("Add a greeting");
});
afterAll(async () => stack?.close());

const message = (n: number) => join(stack.standInOut, `message-${n}.txt`);

describe("a session on a real runner", () => {
  it("starts the agent in tmux in a new worktree on the session's branch, and the app hears it", async () => {
    const session = await waitFor(async () => {
      const s = await stack.session(sessionId);
      return s.agentFacts.needsInput ? s : undefined;
    }, "the stand-in's question to reach the app");
    expect(session).toMatchObject({
      state: "needs_input",
      runnerId: runner.runnerId,
      agentFacts: {
        phase: "running",
        needsInput: { message: "Which colour should the button be?", source: "self-report" },
      },
    });
    const log = await stack.summaries(sessionId);
    expect(log).toEqual(
      expect.arrayContaining([
        `runner ${runner.runnerId} took the spawn job`,
        `agent started on runner ${runner.runnerId}`,
        "agent reports working: reading the issue",
        "agent reports needs-input: Which colour should the button be?",
      ]),
    );
    workspace = join(runner.dataDir, "workspaces", "acme--demo", "7-add-a-greeting");
    expect(log.find((l) => l.startsWith("spawn job done"))).toBe(
      `spawn job done: started custom in tmux in ${workspace}`,
    );
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", workspace, ...args], { encoding: "utf8" }).trim();
    expect(git("rev-parse", "--abbrev-ref", "HEAD")).toBe("drover/7-add-a-greeting");
    expect(git("worktree", "list")).toContain(workspace);
    // The agent's `git add -A` committed its work, not the runner's files.
    expect(git("show", "--name-only", "--format=", "HEAD").split("\n")).toEqual(["STANDIN.md"]);
    expect(readlinkSync(join(workspace, ".env"))).toBe(join(stack.repo, ".env"));
    expect(existsSync(join(workspace, "AGENTS.md"))).toBe(true);
    expect(readFileSync(join(workspace, "AGENTS.md"), "utf8")).toContain(
      'drover report needs-input "<your question>"',
    );
    expect(git("status", "--porcelain")).toBe("");
    expect(capturePane(runner.tmuxSocket, sessionId)).toContain("Which colour should the button be?");
  });

  it("types a short message into the agent and submits it", async () => {
    await handleSessionEvent(
      stack.app,
      sessionId,
      { type: "human.send", by: "maria", message: "Blue, please.", id: "send-1" },
      { wait: true },
    );
    await waitFor(() => existsSync(message(1)), "the stand-in to receive the message");
    expect(readFileSync(message(1), "utf8")).toBe("Blue, please.");
    expect(capturePane(runner.tmuxSocket, sessionId)).toContain("got message 1 (13 chars)");
    await waitFor(
      async () =>
        (await stack.summaries(sessionId)).some((l) =>
          l.startsWith("send job done: delivered (typed) and submitted"),
        ),
      "the send job's outcome",
    );
    expect((await stack.session(sessionId)).state).toBe("working");
  });

  it("delivers quotes, $(), newlines and 10 KB of text intact, as one submitted message", async () => {
    const lines = Array.from(
      { length: 120 },
      (_, i) => `line ${i}: it's "quoted" $(rm -rf /) \`ticks\` \\ back\tslash; echo $HOME`,
    );
    const text = `${lines.join("\n")}\n${"x".repeat(10_000 - lines.join("\n").length)}`;
    expect(text.length).toBeGreaterThanOrEqual(10_000);
    await handleSessionEvent(
      stack.app,
      sessionId,
      { type: "human.send", by: "maria", message: text, id: "send-2" },
      { wait: true },
    );
    await waitFor(() => existsSync(message(2)), "the stand-in to receive the long message");
    // Tabs and everything else arrive exactly; the agent got it as one message, not one per line.
    expect(readFileSync(message(2), "utf8")).toBe(text);
    expect(existsSync(message(3))).toBe(false);
    await waitFor(
      async () =>
        (await stack.summaries(sessionId)).some((l) =>
          l.startsWith("send job done: delivered (pasted) and submitted"),
        ),
      "the pasted send's outcome",
    );
  });

  it("keeps the agent's output tail beside the session's log", async () => {
    const tail = await waitFor(async () => {
      const entries = await stack.store.readLog(outputLogId(sessionId));
      return entries.find((e) =>
        (e.data as { lines: string[] }).lines.some((l) => l.includes("got message 2")),
      );
    }, "an output tail showing the second message");
    expect(tail.kind).toBe("output");
  });

  it("shows the agent's screen and lists the session from the command line", async () => {
    const screen = await runner.drover(["runner", "attach", sessionId, "--print"]);
    expect(screen.code).toBe(0);
    expect(screen.stdout).toContain("got message 1 (13 chars)");
    const listed = await runner.drover(["runner", "sessions", "--json"]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      {
        sessionId,
        status: "running",
        runtime: "tmux",
        workspace,
        attach: ["tmux", "-L", runner.tmuxSocket, "attach-session", "-t", `=drover-${sessionId}`],
      },
    ]);
    const status = await callDaemon<DaemonStatus>(runnerPaths(runner.dataDir).socket, "GET", "/v1/status");
    expect(status).toMatchObject({ runnerId: runner.runnerId, running: 1, capacity: 2 });
  });

  it("stops the agent when the session is killed, and keeps the workspace", async () => {
    await handleSessionEvent(
      stack.app,
      sessionId,
      { type: "human.kill", by: "maria", id: "kill-1" },
      { wait: true },
    );
    await waitFor(
      async () => (await stack.session(sessionId)).agentFacts.phase === "exited",
      "the agent's exit to reach the app",
    );
    expect(await stack.session(sessionId)).toMatchObject({ state: "killed", agentFacts: { exitCode: null } });
    expect(() => capturePane(runner.tmuxSocket, sessionId)).toThrow();
    expect(existsSync(workspace)).toBe(true);
    const listed = await callDaemon<{ sessions: SessionSummary[] }>(
      runnerPaths(runner.dataDir).socket,
      "GET",
      "/v1/sessions",
    );
    expect(listed.sessions).toMatchObject([{ sessionId, status: "exited" }]);
  });

  it("wipes the session with its workspace and branch", async () => {
    const wiped = await runner.drover(["runner", "wipe", "7", "--workspace"]);
    expect(wiped.code).toBe(0);
    expect(wiped.stdout).toContain("wiped, with the workspace and branch drover/7-add-a-greeting");
    expect(existsSync(workspace)).toBe(false);
    expect(
      execFileSync("git", ["-C", stack.repo, "branch", "--list", "drover/*"], { encoding: "utf8" }).trim(),
    ).toBe("");
    expect(
      (
        await callDaemon<{ sessions: SessionSummary[] }>(
          runnerPaths(runner.dataDir).socket,
          "GET",
          "/v1/sessions",
        )
      ).sessions,
    ).toEqual([]);
    const again = await runner.drover(["runner", "wipe", "7"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("no session for issue 7");
  });
});
