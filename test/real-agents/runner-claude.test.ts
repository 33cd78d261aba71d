// The real Claude Code CLI through the real runner: a spawn job starts it in tmux in a new worktree, it writes and
// commits a file, its hooks tell the app what it does (session id, tool use, finished turns, a question), and
// messages sent to it — short, long and multi-line, and one while it is busy — are submitted and reach the model.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/core/session.js";
import { openTranscriptTail } from "../../src/cost/transcript-tail.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import {
  gitIdentity,
  type RunnerProcess,
  type Stack,
  startStack,
  waitFor,
} from "../runner/support/runner-stack.js";
import { installClaudeCode, offlineEnv } from "../support/claude-cli.js";
import { type ModelServer, startModelServer } from "../support/model-server.js";

let server: ModelServer;
let stack: Stack;
let runner: RunnerProcess;
let sessionId: string;
let workspace: string;
let sent = 0;

const script = "runner";
const turns = () => server.requests({ script, kind: "turn" });

async function sessionWhere(what: string, check: (s: Session) => boolean): Promise<Session> {
  return waitFor(async () => {
    const s = await stack.session(sessionId);
    return check(s) ? s : undefined;
  }, what);
}

async function send(message: string): Promise<void> {
  sent += 1;
  await handleSessionEvent(
    stack.app,
    sessionId,
    { type: "human.send", by: "maria", message, id: `send-${sent}` },
    { wait: true },
  );
}

const idle = (s: Session) => s.agentFacts.phase === "running" && !s.agentFacts.busy;

beforeAll(async () => {
  const claude = await installClaudeCode();
  server = await startModelServer();
  const baseUrl = server.script(script, [
    { write: { path: "hello.txt", content: "hello from claude\n" } },
    {
      bash: {
        command: "git add hello.txt && git commit -q -m 'Add hello.txt'",
        description: "Commit hello.txt",
      },
    },
    { text: "I added hello.txt and committed it." },
  ]);
  stack = await startStack("claude-runner", { repoConfig: "agent:\n  name: claude-code\n" });
  const home = join(stack.root, "home");
  const tmp = join(stack.root, "tmp");
  mkdirSync(home);
  mkdirSync(tmp);
  // The daemon runs with the offline environment and nothing of this process's: its agents inherit it.
  runner = await stack.addRunner(
    "claude",
    { ...offlineEnv({ baseUrl, home, tmpdir: tmp }), ...gitIdentity },
    { inheritEnv: false },
  );
  await runner.stop();
  runner.tune({ liveCostIntervalMs: 300 }, { agents: { claudeCommand: claude } });
  await runner.start();
  sessionId = await stack.spawnSession("Add hello.txt", "claude-code");
  workspace = join(runner.dataDir, "workspaces", "acme--demo", "7-add-hello-txt");
}, 15 * 60_000);

afterAll(async () => {
  await stack?.close();
  await server?.close();
});

describe("Claude Code on the runner", () => {
  it("writes and commits a file in its worktree, and its hooks report its session, tool use and finished turn", async () => {
    const session = await sessionWhere(
      "the first finished turn",
      (s) => idle(s) && s.agentFacts.agentSessionId !== undefined,
    );
    expect(session).toMatchObject({ state: "working", runnerId: runner.runnerId });
    // The session id Claude sent the model is the one its SessionStart hook gave the app.
    expect(turns()[0]?.headers["x-claude-code-session-id"]).toBe(session.agentFacts.agentSessionId);
    const log = await stack.summaries(sessionId);
    expect(log).toEqual(
      expect.arrayContaining([
        "agent: agent session startup",
        "agent: took a prompt",
        "agent: used Write",
        "agent: used Bash",
        "agent finished its turn",
      ]),
    );
    expect(log.indexOf("agent: used Bash")).toBeLessThan(log.lastIndexOf("agent finished its turn"));
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", workspace, ...args], { encoding: "utf8" }).trim();
    expect(git("log", "-1", "--format=%s")).toBe("Add hello.txt");
    expect(git("show", "--name-only", "--format=", "HEAD")).toBe("hello.txt");
    // The runner's hook settings and note stay out of git.
    expect(git("status", "--porcelain")).toBe("");
    expect(
      turns()[0]?.body?.messages.some((m) =>
        JSON.stringify(m.content).includes("Resolve issue #7: Add hello.txt"),
      ),
    ).toBe(true);
  });

  it("reports live cost from the transcript, counting Claude's repeated lines once", async () => {
    const session = await sessionWhere("live cost", (s) => s.cost.tokens > 0);
    const path = join(
      stack.root,
      "home",
      ".claude",
      "projects",
      workspace.replace(/[^A-Za-z0-9]/g, "-"),
      `${session.agentFacts.agentSessionId}.jsonl`,
    );
    // The agent is idle, so its transcript stops growing; the runner's live reads catch up with a full parse.
    const { stored, parsed } = await waitFor(async () => {
      const byModel = Object.values(await stack.store.readCost({ kind: "session", sessionId }));
      const stored = byModel.reduce(
        (n, t) => n + t.inputTokens + t.outputTokens + t.cacheCreationTokens + t.cacheReadTokens,
        0,
      );
      const parsed = (await openTranscriptTail(path).readNew()).totals.totalTokens;
      return stored > 0 && stored === parsed ? { stored, parsed } : undefined;
    }, "the live cost to match a full parse of the transcript");
    expect(stored).toBe(parsed);
    expect((await stack.session(sessionId)).cost.tokens).toBe(parsed);
  });

  it("types a message into the running agent and it is submitted", async () => {
    server.addTurns(script, [{ text: "Noted, no goodbye file." }]);
    const before = turns().length;
    await send("Do not add a goodbye file.");
    await server.waitFor(
      (r) => r.kind === "turn" && server.userTexts(script).includes("Do not add a goodbye file."),
      { what: "the typed message" },
    );
    expect(turns()).toHaveLength(before + 1);
    await sessionWhere("the turn to finish", (s) => idle(s) && turns().length === before + 1);
    expect(await stack.summaries(sessionId)).toContain("send job done: delivered (typed) and submitted");
  });

  it("submits a long multi-line message as one prompt", async () => {
    server.addTurns(script, [{ text: "Read all 80 requirements." }]);
    const before = turns().length;
    const lines = Array.from({ length: 80 }, (_, i) => `requirement ${i + 1}: keep "it" $(simple) & short`);
    await send(lines.join("\n"));
    await server.waitFor(
      (r) => r.kind === "turn" && server.userTexts(script).some((t) => t.includes("requirement 80:")),
      { what: "the pasted message" },
    );
    const text = server.userTexts(script).find((t) => t.includes("requirement 1:")) ?? "";
    expect(text.indexOf("requirement 1:")).toBeLessThan(text.indexOf("requirement 80:"));
    expect(text).toContain('requirement 42: keep "it" $(simple) & short');
    await sessionWhere("the paste's turn to finish", (s) => idle(s) && turns().length === before + 1);
    expect(await stack.summaries(sessionId)).toContain("send job done: delivered (pasted) and submitted");
  });

  it("queues a message sent while the agent is busy; it becomes the next prompt", async () => {
    server.addTurns(script, [{ wait: 2_500, text: "That took a while." }, { text: "And the second one." }]);
    const before = turns().length;
    const carrying = (text: string) =>
      server.log.find((r) => r.kind === "turn" && JSON.stringify(r.body?.messages ?? []).includes(text));
    await send("First: take your time.");
    // The model is still "thinking" about the first message when the second is typed.
    const first = await waitFor(() => carrying("First: take your time."), "the first message's request");
    await send("Second: while you are busy.");
    const second = await waitFor(
      () => carrying("Second: while you are busy."),
      "the queued message's request",
    );
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(JSON.stringify(first.body?.messages)).not.toContain("Second: while you are busy.");
    await sessionWhere(
      "both turns to finish",
      (s) => idle(s) && turns().filter((r) => r.response.status !== 0).length >= before + 2,
    );
    await waitFor(
      async () =>
        (await stack.summaries(sessionId)).filter((l) => l.startsWith("send job done: delivered (typed)"))
          .length === 3,
      "the queued send to be confirmed",
    );
    // The queued message was taken at the first Enter: the box showed Claude's "queued" hint, not the text.
    expect(
      (await stack.summaries(sessionId)).filter(
        (l) => l === "send job done: delivered (typed) and submitted",
      ),
    ).toHaveLength(3);
  });

  it("asks a question, and the app shows it needs input", async () => {
    server.addTurns(script, [{ ask: "Should the button be blue or green?" }]);
    await send("What colour should the button be?");
    const session = await sessionWhere("needs input", (s) => s.state === "needs_input");
    expect(session.agentFacts.needsInput).toMatchObject({
      message: "Should the button be blue or green?",
      source: "observed",
    });
    expect(server.requests({ kind: "unexpected" })).toEqual([]);
  });
});
