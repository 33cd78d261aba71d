// Runtime metrics from realistic sessions (started with startSession, moved with transition): tasks, success
// rate, mean duration and cost per agent and runtime, and the daily outcomes behind the chart.
import { describe, expect, it } from "vitest";
import { defaultRepoConfig, parseRepoConfig, type RepoConfig } from "../../src/config/repo-config.js";
import type { SessionEventBody } from "../../src/core/events.js";
import type { Session } from "../../src/core/session.js";
import { startSession } from "../../src/core/start-session.js";
import { transition } from "../../src/core/transition.js";
import { dailyOutcomes, runtimeMetrics } from "../../src/dashboard/runtime-metrics.js";

const hour = 3_600_000;
const day0 = Date.UTC(2026, 10, 20, 8);
let seq = 0;

function run(
  agent: string,
  config: RepoConfig,
  start: number,
  steps: [number, SessionEventBody][],
  usd: number,
): Session {
  seq += 1;
  let s = startSession(
    {
      id: `s-${seq}`,
      repo: "acme/web",
      issue: {
        tracker: "github",
        key: String(seq),
        title: `Issue ${seq}`,
        url: `https://github.com/acme/web/issues/${seq}`,
      },
      agent,
      branch: `drover/${seq}`,
      runnerAvailable: true,
    },
    { now: start, config },
  ).session;
  const all: [number, SessionEventBody][] = [
    [start + 60_000, { type: "spawn.leased", runnerId: "laptop" }],
    [start + 120_000, { type: "agent.spawned", runnerId: "laptop" }],
    ...steps,
    [start + 180_000, { type: "agent.cost", usd, tokens: 1000 }],
  ].sort((a, b) => (a[0] as number) - (b[0] as number)) as [number, SessionEventBody][];
  for (const [at, body] of all) {
    seq += 1;
    s = transition(s, { ...body, id: `e-${seq}` } as never, { now: at, config }).session;
  }
  return s;
}

const processConfig = parseRepoConfig({ runtime: "process" });
const pr = (at: number, n: number): [number, SessionEventBody] => [
  at,
  {
    type: "pr.opened",
    number: n,
    url: `https://github.com/acme/web/pull/${n}`,
    headSha: "a".repeat(40),
    baseRef: "main",
  },
];

describe("runtime metrics", () => {
  const merged = run(
    "claude-code",
    defaultRepoConfig,
    day0,
    [pr(day0 + hour, 1), [day0 + 2 * hour, { type: "pr.closed", merged: true }]],
    4,
  );
  const killed = run(
    "claude-code",
    defaultRepoConfig,
    day0 + 30 * 60_000,
    [[day0 + 4 * hour + 30 * 60_000, { type: "human.kill", by: "maria" }]],
    6,
  );
  const working = run("claude-code", defaultRepoConfig, day0 + 24 * hour, [], 1.5);
  const codex = run(
    "codex",
    processConfig,
    day0 + 24 * hour,
    [pr(day0 + 25 * hour, 2), [day0 + 27 * hour, { type: "pr.closed", merged: true }]],
    2,
  );
  // A session stored before sessions recorded their runtime: the repo's default applies.
  const { runtime: _dropped, ...legacy } = run("claude-code", defaultRepoConfig, day0 + 24 * hour, [], 0.5);
  const sessions = [merged, killed, working, codex, legacy as Session];

  it("groups by agent and runtime, with success rate, mean duration and cost", () => {
    expect(merged.state).toBe("merged");
    expect(killed.state).toBe("killed");
    expect(codex.runtime).toBe("process");
    const rows = runtimeMetrics(sessions, () => "tmux");
    expect(rows).toEqual([
      {
        agent: "claude-code",
        runtime: "tmux",
        tasks: 4,
        finished: 2,
        succeeded: 1,
        successRate: 0.5,
        meanDurationMs: (2 * hour + 4 * hour) / 2,
        costUsd: 4 + 6 + 1.5 + 0.5,
      },
      {
        agent: "codex",
        runtime: "process",
        tasks: 1,
        finished: 1,
        succeeded: 1,
        successRate: 1,
        meanDurationMs: 3 * hour,
        costUsd: 2,
      },
    ]);
  });

  it("falls back to the repo default only for sessions that do not record a runtime", () => {
    const rows = runtimeMetrics(sessions, (s) => (s.repo === "acme/web" ? "process" : "tmux"));
    expect(rows.find((r) => r.agent === "claude-code" && r.runtime === "process")?.tasks).toBe(1);
    expect(rows.find((r) => r.agent === "claude-code" && r.runtime === "tmux")?.tasks).toBe(3);
  });

  it("leaves the success rate and duration empty while nothing has ended", () => {
    const [row] = runtimeMetrics([working], () => "tmux");
    expect(row).toMatchObject({ tasks: 1, finished: 0, successRate: undefined, meanDurationMs: undefined });
  });

  it("counts sessions started, merged and failed per UTC day", () => {
    expect(dailyOutcomes(sessions, ["2026-11-19", "2026-11-20", "2026-11-21"])).toEqual([
      { day: "2026-11-19", started: 0, succeeded: 0, failed: 0 },
      { day: "2026-11-20", started: 2, succeeded: 1, failed: 1 },
      { day: "2026-11-21", started: 3, succeeded: 1, failed: 0 },
    ]);
  });
});
