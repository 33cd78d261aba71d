// The health monitor's output watch for agents without hooks: output that changes is activity, but not once
// the agent has said it waits for input — also when it says so while the monitor is reading its screen, which
// under load happens between the capture and the report (an activity sent after the needs-input undid it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runnerConfigSchema } from "../../../runner/config/runner-config.js";
import { createAgentReports } from "../../../runner/daemon/agent-reports.js";
import type { DaemonContext } from "../../../runner/daemon/daemon-context.js";
import { type EventOutbox, openEventOutbox } from "../../../runner/daemon/event-outbox.js";
import { startHealthMonitor } from "../../../runner/daemon/health-monitor.js";
import { openRunnerState, type RunnerState } from "../../../runner/daemon/runner-state.js";
import type { Runtime } from "../../../runner/runtimes/runtime.js";
import { createLogger } from "../../../src/shared/logger.js";
import { localSession } from "./local-session.js";

const log = createLogger("silent");
let dir: string;
let outbox: EventOutbox;
let state: RunnerState;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "drover-health-"));
  outbox = openEventOutbox(join(dir, "events"), log);
  state = openRunnerState(join(dir, "state.json"));
  state.put(localSession({ agent: "custom" }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A pane whose screen the test sets, and which can run something while it is being read. */
function fakePane() {
  const pane = { screen: ["starting"], duringCapture: undefined as (() => void) | undefined };
  const runtime = {
    kind: "tmux",
    statuses: async (handles: unknown[]) => handles.map(() => ({ alive: true as const })),
    capture: async () => {
      pane.duringCapture?.();
      pane.duringCapture = undefined;
      return pane.screen;
    },
  } as unknown as Runtime;
  return { pane, runtime };
}

function monitor(runtime: Runtime) {
  const reports = createAgentReports({ state, outbox, dataDir: dir, activityReportMs: 0, log });
  const config = runnerConfigSchema.parse({
    version: 1,
    server: "http://127.0.0.1:1",
    runnerId: "runner_1",
    token: "t".repeat(40),
    name: "laptop",
    tuning: { healthIntervalMs: 60_000, outputTailIntervalMs: 600_000 },
    agents: {},
  });
  const ctx = { config, state, outbox, reports, log, runtimes: { tmux: runtime, process: runtime } };
  const health = startHealthMonitor(ctx as unknown as DaemonContext, { onExit: () => undefined });
  return { reports, health };
}

const kinds = () => outbox.pending().map((e) => ("status" in e ? `${e.type}:${e.status}` : e.type));

describe("output watch", () => {
  it("reports changed output as activity, and none after the agent says it waits, even mid-read", async () => {
    const { pane, runtime } = fakePane();
    const { reports, health } = monitor(runtime);
    try {
      await health.check();
      pane.screen = ["reading the issue"];
      await health.check();
      expect(kinds().filter((k) => k === "agent.activity")).toHaveLength(1);

      // The agent prints its question and reports needs-input while the monitor is capturing the screen.
      pane.screen = ["Which colour should the button be?", "reply>"];
      pane.duringCapture = () => reports.selfReport("web-7", "needs-input", "Which colour?");
      await health.check();
      pane.screen = ["Which colour should the button be?", "reply> "];
      await health.check();
      const events = kinds().filter((k) => k !== "agent.output");
      expect(events.at(-1)).toBe("agent.self_report:needs-input");
      expect(events.filter((k) => k === "agent.activity")).toHaveLength(1);
    } finally {
      health.stop();
    }
  });
});
