// Live cost end to end with the real runner: `drover runner start` takes the spawn job from the app (served in
// this process on real Redis), starts an agent in tmux that announces itself as Claude's SessionStart hook does
// and writes a transcript as Claude does; the runner links the agent session to the Drover session and issue,
// reads the transcript as it grows and reports cost; the app aggregates it per session, issue, model and day and,
// at the session budget, has the runner stop the agent and pages a human.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveRunnerConfig } from "../../runner/config/runner-config.js";
import type { Session } from "../../src/core/session.js";
import { openTranscriptTail, type TailUpdate } from "../../src/cost/transcript-tail.js";
import { createSession } from "../../src/sessions/create-session.js";
import type { CostByModel } from "../../src/store/store.js";
import { gitIdentity, gitRepo, killTmux, waitFor } from "../runner/support/runner-stack.js";
import { droverBin } from "../support/drover-cli.js";
import { type CostApp, newSession, startCostApp } from "./cost-app.js";

const agent = resolve(import.meta.dirname, "fixtures/transcript-agent.mjs");
const droverYml = `agent:\n  name: custom\n  command: "node ${agent} {promptFile}"\nbudgets:\n  perSession: 2\n`;
const root = realpathSync(mkdtempSync(join(tmpdir(), "drover-live-cost-")));
const dataDir = join(root, "runner-data");
const transcripts = join(root, "transcripts");
const tmuxSocket = `drover-test-cost-${process.pid}`;
let s: CostApp;
let runner: ChildProcess | undefined;
let output = "";

const session = async () => (await s.t.store.getSession("web-7")) as Session;
const tokensOf = (byModel: CostByModel) =>
  Object.values(byModel).reduce(
    (n, t) => n + t.inputTokens + t.outputTokens + t.cacheCreationTokens + t.cacheReadTokens,
    0,
  );

beforeAll(async () => {
  const repo = join(root, "repo");
  gitRepo(repo, droverYml);
  s = await startCostApp("live-cost", { droverYml });
  s.t.clock.now = Date.now();
  const registered = await s.register("laptop");
  saveRunnerConfig(
    {
      version: 1,
      server: s.url,
      runnerId: registered.runnerId,
      token: registered.token,
      name: "laptop",
      repos: { "acme/web": repo },
      tmuxSocket,
      // Fast loops, so the test waits for what it tests and not for timers.
      tuning: { pollMaxMs: 150, healthIntervalMs: 150, liveCostIntervalMs: 200, activityReportMs: 0 },
    },
    join(root, "runner-config", "runner.json"),
  );
  runner = spawn(process.execPath, [droverBin, "runner", "start"], {
    env: {
      ...process.env,
      ...gitIdentity,
      DROVER_CONFIG_DIR: join(root, "runner-config"),
      DROVER_DATA_DIR: dataDir,
      COST_TRANSCRIPTS: transcripts,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  runner.stdout?.on("data", (c) => (output += c));
  runner.stderr?.on("data", (c) => (output += c));
  const started = runner;
  await waitFor(() => {
    if (started.exitCode !== null) throw new Error(`the runner exited with ${started.exitCode}:\n${output}`);
    return output.includes("runner laptop started");
  }, "the runner to start");
  await createSession(s.t.app, newSession("web-7", 7, { agent: "custom" }), { wait: true });
}, 120_000);

afterAll(async () => {
  if (runner?.exitCode === null) {
    const exited = new Promise((done) => runner!.once("exit", done));
    process.kill(-runner.pid!, "SIGKILL");
    await exited;
  }
  await killTmux(tmuxSocket);
  await s?.close();
  rmSync(root, { recursive: true, force: true, maxRetries: 5 });
});

describe("live cost from the runner", () => {
  it("links the agent session to the Drover session and issue from its SessionStart", async () => {
    const { agentFacts } = await waitFor(
      async () => ((await session()).agentFacts.agentSessionId ? session() : undefined),
      "the agent session id to reach the app",
      60_000,
    );
    const agentSessionId = agentFacts.agentSessionId!;
    const links = JSON.parse(readFileSync(join(dataDir, "links.json"), "utf8"));
    expect(links).toEqual({
      version: 1,
      links: {
        [agentSessionId]: {
          sessionId: "web-7",
          repo: "acme/web",
          issue: 7,
          agent: "claude",
          transcriptPath: join(transcripts, `${agentSessionId}.jsonl`),
          linkedAt: expect.any(String),
        },
      },
    });
  }, 120_000);

  it("stops the agent at the session budget through a kill job the runner carries out, and pages a human", async () => {
    const stopped = await waitFor(
      async () => ((await session()).state === "killed" ? session() : undefined),
      "the budget to stop the session",
      60_000,
    );
    expect(stopped.reason).toBe("stopped: the per-session budget of $2.00 was reached");
    // The stop is stored before its effects run: the kill job follows a moment later.
    const kill = await waitFor(
      async () => (await s.t.store.listJobs({ sessionId: "web-7" })).find((j) => j.payload.kind === "kill"),
      "the kill job",
      30_000,
    );
    expect(kill?.queue).toBe(`runner:${stopped.runnerId}`);
    await waitFor(
      async () => (await s.t.store.getJob(kill.id))?.state === "completed",
      "the runner to carry out the kill job",
      30_000,
    );
    await waitFor(
      async () => (await session()).agentFacts.phase === "exited",
      "the runner to see the agent gone",
      30_000,
    );
    const pages = s.t.recorded.notifications.filter((n) => n.notification.kind === "budget-stop");
    expect(pages).toEqual([
      expect.objectContaining({
        sessionId: "web-7",
        notification: expect.objectContaining({ priority: "urgent" }),
      }),
    ]);
  }, 120_000);

  it("has aggregated whole responses, each once, per model, for the session, its issue and the day", async () => {
    const { agentSessionId } = (await session()).agentFacts;
    const path = join(transcripts, `${agentSessionId}.jsonl`);
    // The agent is gone, so its transcript is complete: N responses of two lines each. The runner reads a
    // stopped agent's transcript one last time, so the app ends up with all of them, each counted once.
    const lines = readFileSync(path, "utf8").split("\n").filter(Boolean);
    const prefixes: TailUpdate[] = [];
    for (let k = 1; k <= lines.length / 2; k++) {
      const file = join(root, `prefix-${k}.jsonl`);
      writeFileSync(file, `${lines.slice(0, 2 * k).join("\n")}\n`);
      prefixes.push(await openTranscriptTail(file).readNew());
    }
    const crossed = prefixes.findIndex((p) => p.totals.totalCost >= 2);
    expect(crossed).toBeGreaterThanOrEqual(0);
    let last: CostByModel = {};
    const { bySession, read } = await waitFor(
      async () => {
        last = await s.t.store.readCost({ kind: "session", sessionId: "web-7" });
        const read = prefixes.findIndex((p) => p.totals.totalTokens === tokensOf(last));
        return crossed >= 0 && read === prefixes.length - 1
          ? { bySession: last, read: prefixes[read]! }
          : undefined;
      },
      "the stored cost to be that of the whole transcript",
      45_000,
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}; stored ${JSON.stringify(last)}, transcript has ${lines.length} lines`,
      );
    });
    // Two models, each with exactly the tokens and dollars of its responses: a response written as two lines
    // with the same ids counted once, at its final usage.
    expect(read.models).toHaveLength(2);
    expect(Object.keys(bySession).sort()).toEqual(read.models.map((m) => m.modelName).sort());
    for (const model of read.models) {
      expect(bySession[model.modelName]).toEqual({
        inputTokens: model.inputTokens,
        outputTokens: model.outputTokens,
        cacheCreationTokens: model.cacheCreationTokens,
        cacheReadTokens: model.cacheReadTokens,
        usd: expect.closeTo(model.cost, 6),
      });
    }
    expect(read.totals.outputTokens % 20_000).toBe(0);
    const issue = await s.t.store.readCost({ kind: "issue", repo: "acme/web", issueKey: "7" });
    expect(issue).toEqual(bySession);
    const day = new Date(JSON.parse(lines[0]!).timestamp).toISOString().slice(0, 10);
    const byDay = await s.t.store.readCostByDay(day, "9999-12-31");
    expect(
      Object.values(byDay)
        .map(tokensOf)
        .reduce((a, b) => a + b, 0),
    ).toBe(read.totals.totalTokens);
    expect((await session()).cost.tokens).toBe(read.totals.totalTokens);
  }, 60_000);
});
