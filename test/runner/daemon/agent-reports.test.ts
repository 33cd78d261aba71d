// What the runner tells the app about Claude Code from its hooks: its session id, tool use as a heartbeat, a
// finished turn as idle, and a question (a finished turn that asks, or a permission prompt) as needs-input —
// Claude's idle notification fires after any finished turn, so it alone is no question.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAgentReports } from "../../../runner/daemon/agent-reports.js";
import { endsWithQuestion } from "../../../runner/daemon/claude-hook-payload.js";
import { type EventOutbox, openEventOutbox } from "../../../runner/daemon/event-outbox.js";
import { openRunnerState, type RunnerState } from "../../../runner/daemon/runner-state.js";
import { createLogger } from "../../../src/shared/logger.js";
import { localSession } from "./local-session.js";

const log = createLogger("silent");
let dir: string;
let outbox: EventOutbox;
let state: RunnerState;
let clock = 0;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "drover-reports-"));
  outbox = openEventOutbox(join(dir, "events"), log);
  state = openRunnerState(join(dir, "state.json"));
  state.put(localSession());
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const hook = (name: string, extra: Record<string, unknown> = {}) => ({
  session_id: "c-1",
  transcript_path: "/home/u/.claude/projects/-w/c-1.jsonl",
  hook_event_name: name,
  ...extra,
});
const sent = () => outbox.pending().map(({ seq: _s, at: _a, ...body }) => body);

describe("Claude Code hooks → runner events", () => {
  it("reports the session, throttles tool heartbeats, and tells a question from a finished turn", () => {
    const reports = createAgentReports({
      state,
      outbox,
      dataDir: dir,
      activityReportMs: 10_000,
      log,
      now: () => clock,
    });
    reports.hook("web-7", hook("SessionStart", { source: "startup" }));
    reports.hook("web-7", hook("UserPromptSubmit", { prompt: "Fix it" }));
    clock = 1_000;
    reports.hook("web-7", hook("PostToolUse", { tool_name: "Write" }));
    clock = 12_000;
    reports.hook("web-7", hook("PostToolUse", { tool_name: "Bash" }));
    reports.hook("web-7", hook("Stop", { last_assistant_message: "I fixed it and pushed." }));
    reports.hook(
      "web-7",
      hook("Notification", { notification_type: "idle_prompt", message: "Claude is waiting for your input" }),
    );
    reports.hook("web-7", hook("UserPromptSubmit", { prompt: "Which colour?" }));
    reports.hook(
      "web-7",
      hook("Stop", { last_assistant_message: "Options:\n- blue\n- green\n\nWhich one do you want?" }),
    );
    reports.hook("web-7", hook("Notification", { notification_type: "idle_prompt" }));
    reports.hook(
      "web-7",
      hook("Notification", {
        notification_type: "permission_prompt",
        message: "Claude needs your permission to use Bash",
      }),
    );
    expect(sent()).toEqual([
      { type: "agent.activity", sessionId: "web-7", detail: "agent session startup", agentSessionId: "c-1" },
      { type: "agent.activity", sessionId: "web-7", detail: "took a prompt" },
      { type: "agent.activity", sessionId: "web-7", detail: "used Bash" },
      { type: "agent.idle", sessionId: "web-7" },
      { type: "agent.activity", sessionId: "web-7", detail: "took a prompt" },
      {
        type: "agent.needs_input",
        sessionId: "web-7",
        message: "Options:\n- blue\n- green\n\nWhich one do you want?",
      },
      { type: "agent.needs_input", sessionId: "web-7", message: "Claude needs your permission to use Bash" },
    ]);
    expect(state.get("web-7")).toMatchObject({
      agentSessionId: "c-1",
      transcriptPath: "/home/u/.claude/projects/-w/c-1.jsonl",
    });
    // The cost report can tell which issue this Claude session worked on.
    expect(JSON.parse(readFileSync(join(dir, "links.json"), "utf8"))).toMatchObject({
      version: 1,
      links: { "c-1": { sessionId: "web-7", repo: "acme/web", issue: 7, agent: "claude" } },
    });
  });

  it("reports a question seen only at the idle notification (a Stop that arrived while the runner was down)", () => {
    const reports = createAgentReports({ state, outbox, dataDir: dir, activityReportMs: 0, log });
    state.update("web-7", {
      lastStop: { question: true, message: "Blue or green?", at: 1 },
      needsInputReported: false,
    });
    reports.hook("web-7", hook("Notification", { notification_type: "idle_prompt" }));
    reports.hook("web-7", hook("Notification", { notification_type: "idle_prompt" }));
    expect(sent()).toEqual([{ type: "agent.needs_input", sessionId: "web-7", message: "Blue or green?" }]);
  });

  it("passes self-reports on and ignores hooks of sessions it does not know", () => {
    const reports = createAgentReports({ state, outbox, dataDir: dir, activityReportMs: 0, log });
    reports.selfReport("web-7", "done", "PR opened");
    reports.hook("other", hook("Stop"));
    expect(sent()).toEqual([
      { type: "agent.self_report", sessionId: "web-7", status: "done", message: "PR opened" },
    ]);
  });
});

describe("endsWithQuestion", () => {
  it.each([
    ["Should the button be blue or green?", true],
    ["Which one? **", true],
    ['Do you want "A" or "B"?"', true],
    ["Done. Tests pass.", false],
    ["Is it done? Yes.\nAll pushed.", false],
    ["", false],
  ])("%j → %s", (text, expected) => {
    expect(endsWithQuestion(text)).toBe(expected);
  });
});
