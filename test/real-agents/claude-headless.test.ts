// Smoke test: the real Claude Code CLI, headless (`claude -p`), offline against the scripted model server — it
// writes and commits a file in a real git repo, logs its session JSONL, fires its hooks; and parallel agents
// each follow their own script on one server, as a convoy's reviewers will.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createClaudeSandbox, installClaudeCode, sessionLogPath } from "../support/claude-cli.js";
import { type ModelServer, startModelServer } from "../support/model-server.js";
import { installHookRecorder } from "./hook-recorder.js";
import { runHeadless } from "./run-headless.js";

const sessionLineSchema = z.looseObject({
  type: z.string(),
  requestId: z.string().optional(),
  message: z.looseObject({ id: z.string().optional(), role: z.string().optional() }).optional(),
});

let bin: string;
let server: ModelServer;
let root: string;

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-C", cwd, ...args], { encoding: "utf8" }).trim();
}

function newRepo(name: string): string {
  const repo = join(root, name);
  mkdirSync(repo);
  git(repo, "init", "-q", "-b", "main");
  git(
    repo,
    "-c",
    "user.name=t",
    "-c",
    "user.email=t@t.invalid",
    "commit",
    "-q",
    "--allow-empty",
    "-m",
    "start",
  );
  return repo;
}

beforeAll(async () => {
  bin = await installClaudeCode();
  server = await startModelServer();
  // realpath: Claude keys projects and session folders by the resolved cwd (/tmp may be a symlink on macOS).
  root = realpathSync(mkdtempSync(join(tmpdir(), "drover-headless-")));
}, 15 * 60_000);

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true, maxRetries: 5 });
});

describe("claude -p against the scripted model server", () => {
  it("writes and commits a file, logs the session and fires its hooks", async () => {
    const repo = newRepo("solo");
    const baseUrl = server.script("solo", [
      { text: "I'll add the greeting.", write: { path: "hello.txt", content: "hello from the agent\n" } },
      {
        bash: {
          command: "git add -A && git commit -q -m 'Add hello.txt'",
          description: "Commit the greeting",
        },
      },
      { text: "Committed hello.txt." },
    ]);
    const sandbox = createClaudeSandbox({ baseUrl, worktree: repo });
    const hooks = installHookRecorder(repo, sandbox.tmpdir);
    try {
      const run = await runHeadless({
        bin,
        cwd: repo,
        env: sandbox.env,
        prompt: "Add hello.txt and commit it.",
      });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.lines.at(-1)).toMatchObject({ type: "result", subtype: "success", is_error: false });

      // The work landed in git, and only the work: the hook config stayed out of the commit.
      expect(git(repo, "log", "-1", "--format=%s")).toBe("Add hello.txt");
      expect(git(repo, "show", "--name-only", "--format=", "HEAD")).toBe("hello.txt");
      expect(readFileSync(join(repo, "hello.txt"), "utf8")).toBe("hello from the agent\n");

      // Offline: the CLI asked the model server, and nothing but the scripted turns.
      const seen = server.requests({ script: "solo" });
      expect(seen.map((r) => `${r.method} ${r.path} ${r.kind}`)).toEqual(
        Array(3).fill("POST /v1/messages?beta=true turn"),
      );
      expect(server.userTexts("solo")).toContain("Add hello.txt and commit it.");
      expect(server.remainingTurns("solo")).toBe(0);

      // The session log is where the cost parser will look, with the server's request ids on assistant lines.
      const logPath = sessionLogPath(sandbox.home, repo, run.sessionId);
      expect(existsSync(logPath)).toBe(true);
      const assistant = readFileSync(logPath, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => sessionLineSchema.parse(JSON.parse(l)))
        .filter((l) => l.type === "assistant");
      const served = seen.map((r) => ({
        requestId: r.response.requestId,
        messageId: r.response.message?.id,
      }));
      expect(assistant.map((l) => ({ requestId: l.requestId, messageId: l.message?.id }))).toEqual([
        served[0], // text block…
        served[0], // …and tool_use block of one response: two lines, same ids
        served[1],
        served[2],
      ]);

      const events = await hooks.waitFor((e) => e.some((h) => h.hook_event_name === "SessionEnd"), {
        what: "SessionEnd",
      });
      expect(new Set(events.map((e) => e.session_id))).toEqual(new Set([run.sessionId]));
      expect(events.find((e) => e.hook_event_name === "SessionStart")).toMatchObject({ source: "startup" });
      const toolIds = seen.flatMap(
        (r) => r.response.message?.content.flatMap((b) => (b.type === "tool_use" ? [b.id] : [])) ?? [],
      );
      expect(
        events.filter((e) => e.hook_event_name === "PostToolUse").map((e) => [e.tool_name, e.tool_use_id]),
      ).toEqual([
        ["Write", toolIds[0]],
        ["Bash", toolIds[1]],
      ]);
      expect(events.find((e) => e.hook_event_name === "Stop")).toMatchObject({
        last_assistant_message: "Committed hello.txt.",
      });
    } finally {
      sandbox.remove();
    }
  });

  it("gives each of several parallel agents its own script on one server", async () => {
    const reviewers = ["correctness", "security", "performance"];
    const runs = reviewers.map(async (name) => {
      const repo = newRepo(`convoy-${name}`);
      const baseUrl = server.script(name, [
        { write: { path: "findings.md", content: `# ${name}\n- one finding\n` } },
        { text: `${name} review done.` },
      ]);
      const sandbox = createClaudeSandbox({ baseUrl, worktree: repo });
      try {
        const run = await runHeadless({ bin, cwd: repo, env: sandbox.env, prompt: `Review for ${name}.` });
        return { name, repo, run };
      } finally {
        sandbox.remove();
      }
    });
    for (const { name, repo, run } of await Promise.all(runs)) {
      expect(run.exitCode, run.stderr).toBe(0);
      expect(readFileSync(join(repo, "findings.md"), "utf8")).toBe(`# ${name}\n- one finding\n`);
      expect(run.lines.at(-1)).toMatchObject({ type: "result", result: `${name} review done.` });
      expect(server.userTexts(name)).toContain(`Review for ${name}.`);
      expect(server.requests({ script: name, kind: "turn" })).toHaveLength(2);
    }
    expect(server.requests({ kind: "unexpected" })).toEqual([]);
  });
});
