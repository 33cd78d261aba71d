// Claude Code headless (`claude -p … --output-format stream-json --verbose`) through the real runner in the process
// runtime: it does its work, its hooks report the session, and its exit (code 0, no PR yet) reaches the app with
// its stream-json result in the output tail.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outputLogId } from "../../src/server/runner/output-log.js";
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

beforeAll(async () => {
  const claude = await installClaudeCode();
  server = await startModelServer();
  const baseUrl = server.script("headless", [
    { write: { path: "notes.md", content: "# Notes\n" } },
    { bash: { command: "git add notes.md && git commit -q -m 'Add notes'" } },
    { text: "Added notes.md." },
  ]);
  stack = await startStack("claude-headless", {
    repoConfig: "agent:\n  name: claude-headless\nruntime: process\n",
  });
  const home = join(stack.root, "home");
  const tmp = join(stack.root, "tmp");
  mkdirSync(home);
  mkdirSync(tmp);
  runner = await stack.addRunner(
    "headless",
    { ...offlineEnv({ baseUrl, home, tmpdir: tmp }), ...gitIdentity },
    { inheritEnv: false },
  );
  await runner.stop();
  runner.tune({}, { agents: { claudeCommand: claude } });
  await runner.start();
}, 15 * 60_000);

afterAll(async () => {
  await stack?.close();
  await server?.close();
});

describe("claude-headless on the runner", () => {
  it("runs to the end in the process runtime, and the app hears its session and its exit", async () => {
    const sessionId = await stack.spawnSession("Add notes", "claude-headless");
    const session = await waitFor(
      async () => {
        const s = await stack.session(sessionId);
        return s.agentFacts.phase === "exited" ? s : undefined;
      },
      "the headless agent to finish",
      30_000,
    );
    expect(session).toMatchObject({
      state: "errored",
      reason: "the agent exited with code 0",
      agentFacts: { exitCode: 0 },
    });
    expect(session.agentFacts.agentSessionId).toBe(
      server.requests({ script: "headless", kind: "turn" })[0]?.headers["x-claude-code-session-id"],
    );
    const log = await stack.summaries(sessionId);
    expect(log).toEqual(
      expect.arrayContaining([
        "agent: used Write",
        "agent: used Bash",
        "agent finished its turn",
        "agent exited (code 0)",
      ]),
    );
    const workspace = join(runner.dataDir, "workspaces", "acme--demo", "7-add-notes");
    expect(
      execFileSync("git", ["-C", workspace, "log", "-1", "--format=%s"], { encoding: "utf8" }).trim(),
    ).toBe("Add notes");
    const tails = await stack.store.readLog(outputLogId(sessionId));
    const last = (tails.at(-1)?.data as { lines: string[] } | undefined)?.lines ?? [];
    // The result line ends the stream-json output (its fields beyond the line cap are cut off in the tail).
    expect(last.at(-1)).toContain('"stop_reason":"end_turn"');
    expect(last.at(-1)).toContain(`"session_id":"${session.agentFacts.agentSessionId}"`);
  });
});
