// The app goes away for ten seconds while the agent keeps reporting: the runner keeps every event on disk and,
// once the app is back, delivers each of them exactly once and in order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runnerPaths } from "../../runner/config/paths.js";
import { callDaemon } from "../../runner/local/control-client.js";
import type { DaemonStatus } from "../../runner/local/control-protocol.js";
import { type RunnerProcess, type Stack, startStack, waitFor } from "./support/runner-stack.js";

let stack: Stack;
let runner: RunnerProcess;
let sessionId: string;

beforeAll(async () => {
  stack = await startStack("outage");
  runner = await stack.addRunner("laptop");
  sessionId = await stack.spawnSession("Outlive an outage");
  await stack.waitForState(sessionId, "needs_input", "the stand-in's question");
});
afterAll(async () => stack?.close());

describe("the app down for 10 s", () => {
  it("loses and duplicates no event", async () => {
    const socket = runnerPaths(runner.dataDir).socket;
    const downAt = Date.now();
    await stack.server.stop();
    const steps = 12;
    for (let i = 1; i <= steps; i++) {
      await callDaemon(socket, "POST", "/v1/report", { sessionId, status: "working", message: `step ${i}` });
      // The agent gets a message too (a local send works without the app) and prints, so its output changes.
      if (i === 6)
        await callDaemon(socket, "POST", `/v1/sessions/${sessionId}/send`, { message: "during the outage" });
      await new Promise((r) => setTimeout(r, 600));
    }
    const waiting = await callDaemon<DaemonStatus>(socket, "GET", "/v1/status");
    expect(waiting.pendingEvents).toBeGreaterThanOrEqual(steps);
    expect(waiting.lastError).toMatch(/cannot reach/);
    await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - downAt))));

    await stack.server.start();
    const log = await waitFor(
      async () => {
        const summaries = await stack.summaries(sessionId);
        return summaries.includes(`agent reports working: step ${steps}`) ? summaries : undefined;
      },
      "the last buffered report to arrive",
      30_000,
    );
    const reported = log.filter((l) => l.startsWith("agent reports working: step "));
    expect(reported).toEqual(Array.from({ length: steps }, (_, i) => `agent reports working: step ${i + 1}`));
    await waitFor(
      async () => (await callDaemon<DaemonStatus>(socket, "GET", "/v1/status")).pendingEvents === 0,
      "an empty buffer",
    );
    // Nothing delivered twice: every runner event's id appears once in the session's log.
    const ids = (await stack.store.readLog(sessionId))
      .map((e) => (e.data as { id?: string } | undefined)?.id)
      .filter((id): id is string => id?.startsWith("runner:") ?? false);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await stack.session(sessionId)).state).toBe("working");
  });
});
