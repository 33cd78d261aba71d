// Smoke test: the real Claude Code CLI, interactive in real tmux, offline against the scripted model server — it
// opens at its prompt with the runner's pre-seeded config, takes typed and pasted messages as single prompts, and
// reports an unanswered question through the Notification hook (idle_prompt).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInputBox } from "../../runner/agents/claude-screen.js";
import {
  type ClaudeSandbox,
  createClaudeSandbox,
  installClaudeCode,
  sessionLogPath,
} from "../support/claude-cli.js";
import { type ModelServer, startModelServer } from "../support/model-server.js";
import { type HookPayload, type HookRecorder, installHookRecorder } from "./hook-recorder.js";
import { createTmux, readyForInput, type Tmux } from "./tmux-pane.js";

const pane = "agent";
let server: ModelServer;
let root: string;
let repo: string;
let sandbox: ClaudeSandbox;
let hooks: HookRecorder;
let tmux: Tmux;

const stops = (events: HookPayload[]) => events.filter((e) => e.hook_event_name === "Stop").length;

beforeAll(async () => {
  const bin = await installClaudeCode();
  server = await startModelServer();
  root = realpathSync(mkdtempSync(join(tmpdir(), "drover-tmux-")));
  repo = join(root, "repo");
  mkdirSync(repo);
  execFileSync("git", ["init", "-q", "-b", "main", repo]);
  const baseUrl = server.script("interactive", [
    { text: "Hello! I read your message." },
    { text: "I read the whole specification." },
    { ask: "Should the button be blue or green?" },
  ]);
  // A low idle threshold, so the question's Notification comes within the test instead of after Claude's 60 s.
  sandbox = createClaudeSandbox({ baseUrl, worktree: repo, idleNotificationMs: 1000 });
  hooks = installHookRecorder(repo, sandbox.tmpdir);
  tmux = createTmux(`drover-test-${process.pid}`);
  await tmux.start(pane, { cwd: repo, env: sandbox.env, argv: [bin, "--dangerously-skip-permissions"] });
}, 15 * 60_000);

afterAll(async () => {
  await tmux?.kill();
  await server?.close();
  sandbox?.remove();
  if (root) rmSync(root, { recursive: true, force: true, maxRetries: 5 });
});

describe("interactive claude in tmux against the scripted model server", () => {
  it("opens straight at its prompt, with no dialog, and starts a session", async () => {
    const screen = await tmux.waitForScreen(pane, readyForInput, { what: "Claude's empty input box" });
    expect(readInputBox(screen)?.footer).toContain("bypass permissions on");
    const [start] = await hooks.waitFor((e) => e.some((h) => h.hook_event_name === "SessionStart"));
    expect(start).toMatchObject({ hook_event_name: "SessionStart", source: "startup", cwd: repo });
    expect(start?.transcript_path).toBe(sessionLogPath(sandbox.home, repo, start?.session_id ?? ""));
  });

  it("submits a typed message (send-keys -l, then Enter)", async () => {
    await tmux.type(pane, "hello from drover");
    await server.waitFor(
      (r) => r.kind === "turn" && server.userTexts("interactive").includes("hello from drover"),
      {
        what: "the typed message",
      },
    );
    const events = await hooks.waitFor((e) => stops(e) === 1, { what: "the first Stop" });
    expect(events.find((e) => e.hook_event_name === "UserPromptSubmit")?.prompt).toBe("hello from drover");
    expect(events.find((e) => e.hook_event_name === "Stop")?.last_assistant_message).toBe(
      "Hello! I read your message.",
    );
  });

  it("submits a long multi-line paste as one prompt", async () => {
    await tmux.waitForScreen(pane, readyForInput, { what: "the prompt after the first turn" });
    const lines = Array.from({ length: 200 }, (_, i) => `requirement ${i + 1}: the button\tstays accessible`);
    const before = server.requests({ script: "interactive", kind: "turn" }).length;
    await tmux.paste(pane, lines.join("\n"), root);
    await hooks.waitFor((e) => stops(e) === 2, { what: "the second Stop" });

    const turns = server.requests({ script: "interactive", kind: "turn" });
    expect(turns).toHaveLength(before + 1);
    const last = server.userTexts("interactive").find((t) => t.includes("requirement 1:"));
    // One block holds every line, in order: the paste arrived whole, not one prompt per line.
    expect(last).toContain("requirement 200: the button");
    expect(last?.indexOf("requirement 1:")).toBeLessThan(last?.indexOf("requirement 200:") ?? -1);
  });

  it("asks a question, then reports idle_prompt through the Notification hook", async () => {
    await tmux.waitForScreen(pane, readyForInput, { what: "the prompt after the paste" });
    await tmux.type(pane, "What colour should the button be?");
    await tmux.waitForScreen(pane, (s) => s.includes("Should the button be blue or green?"), {
      what: "the question",
    });
    const events = await hooks.waitFor(
      (e) => {
        const stop = e.findIndex((h, i) => h.hook_event_name === "Stop" && stops(e.slice(0, i + 1)) === 3);
        return stop >= 0 && e.slice(stop).some((h) => h.hook_event_name === "Notification");
      },
      { what: "a Notification after the question's Stop" },
    );
    const notification = events.findLast((e) => e.hook_event_name === "Notification");
    expect(notification).toMatchObject({
      notification_type: "idle_prompt",
      session_id: events[0]?.session_id,
    });
    expect(server.requests({ kind: "unexpected" })).toEqual([]);
    expect(new Set(server.log.map((r) => `${r.method} ${r.path}`))).toEqual(
      new Set(["POST /v1/messages?beta=true"]),
    );
  });
});
