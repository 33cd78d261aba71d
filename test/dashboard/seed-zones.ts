// One deployment's worth of sessions for the browser tests, each reached through real events and meant for a
// known zone, with cost reports for the costs page. Times are relative to `base` (the real clock: the served
// app judges "idle too long" against it), and every busy agent was active recently so no stuck timer fires
// while the tests run.
import { parseRepoConfig } from "../../src/config/repo-config.js";
import type { SessionEventBody } from "../../src/core/events.js";
import type { Zone } from "../../src/dashboard/attention-zone.js";
import { utcDay } from "../../src/dashboard/format.js";
import type { Store } from "../../src/store/store.js";
import { createTestApp } from "../support/test-app.js";
import { ciResult, minute, playSession, prOpened, type SessionScript, sha, spawned } from "./seed.js";

export const expectedZones: Record<Zone, string[]> = {
  red: ["r-errored", "r-input", "r-stuck"],
  orange: ["o-changes", "o-merge"],
  yellow: ["y-ci", "y-idle"],
  green: ["g-codex", "g-pr", "g-queued", "g-working"],
  grey: ["d-killed", "d-merged"],
};

/** Issue → badge colour on the costs page. */
export const expectedBadges: Record<string, string> = {
  "acme/web#102": "green",
  "acme/web#105": "yellow",
  "acme/web#110": "orange",
  "acme/api#201": "red",
};

const idle = (at: number): [number, SessionEventBody] => [at, { type: "agent.idle" }];
const cost = (at: number, usd: number): [number, SessionEventBody] => [
  at,
  { type: "agent.cost", usd, tokens: Math.round(usd * 40_000) },
];

function scripts(base: number): SessionScript[] {
  const m = minute;
  return [
    {
      id: "r-input",
      repo: "acme/web",
      number: 101,
      title: "Export the reports as CSV",
      start: base - 25 * m,
      steps: [
        ...spawned(base - 24 * m),
        [base - 10 * m, { type: "agent.needs_input", message: "Should the export include archived rows?" }],
      ],
    },
    {
      id: "r-errored",
      repo: "acme/api",
      number: 201,
      title: "Rate-limit the public API",
      start: base - 40 * m,
      steps: [
        ...spawned(base - 39 * m),
        cost(base - 30 * m, 64.2),
        [base - 26 * m, { type: "agent.exited", code: 1 }],
      ],
    },
    {
      id: "r-stuck",
      repo: "acme/web",
      number: 103,
      title: "Upgrade the test runner",
      start: base - 45 * m,
      steps: [...spawned(base - 44 * m), [base - 30 * m, { type: "timer.due", key: "stuck" }]],
    },
    {
      id: "o-merge",
      repo: "acme/web",
      number: 102,
      title: "Fix the login redirect",
      start: base - 3 * 60 * m,
      steps: [
        ...spawned(base - 179 * m),
        ...prOpened(base - 120 * m, "acme/web", 12),
        idle(base - 119 * m),
        cost(base - 118 * m, 3.2),
        ciResult(base - 110 * m, sha("a"), "success"),
        [
          base - 100 * m,
          {
            type: "review.submitted",
            reviewer: "omar",
            verdict: "approved",
            sha: sha("a"),
            submittedAt: base - 100 * m,
            comments: [],
          },
        ],
        [base - 99 * m, { type: "pr.mergeable", sha: sha("a"), mergeable: true }],
      ],
    },
    {
      id: "o-changes",
      repo: "acme/web",
      number: 104,
      title: "Dark mode for settings",
      start: base - 2 * 60 * m,
      steps: [
        ...spawned(base - 119 * m),
        ...prOpened(base - 100 * m, "acme/web", 14),
        idle(base - 99 * m),
        ciResult(base - 90 * m, sha("a"), "success"),
        [
          base - 60 * m,
          {
            type: "review.submitted",
            reviewer: "lena",
            verdict: "changes_requested",
            sha: sha("a"),
            submittedAt: base - 60 * m,
            body: "Please keep the old colours as an option",
            comments: [],
          },
        ],
        [base - 59 * m, { type: "agent.activity", detail: "Reading the review" }],
        idle(base - 58 * m),
        [base - 29 * m, { type: "timer.due", key: "escalate:changes-requested" }],
      ],
    },
    {
      id: "y-ci",
      repo: "acme/web",
      number: 105,
      title: "Flaky date parsing",
      start: base - 3 * 60 * m,
      steps: [
        ...spawned(base - 179 * m),
        ...prOpened(base - 150 * m, "acme/web", 15),
        idle(base - 149 * m),
        ciResult(base - 140 * m, sha("a"), "failure"),
        [base - 139 * m, { type: "agent.activity", detail: "Fixing the test" }],
        [base - 130 * m, { type: "pr.synchronized", headSha: sha("b") }],
        idle(base - 129 * m),
        ciResult(base - 120 * m, sha("b"), "failure"),
        [base - 119 * m, { type: "agent.activity", detail: "Fixing the test again" }],
        [base - 110 * m, { type: "pr.synchronized", headSha: sha("c") }],
        idle(base - 109 * m),
        cost(base - 108 * m, 12),
        ciResult(base - 100 * m, sha("c"), "failure"),
      ],
    },
    {
      id: "y-idle",
      repo: "acme/web",
      number: 106,
      title: "Document the webhooks",
      start: base - 60 * m,
      steps: [...spawned(base - 59 * m), idle(base - 45 * m)],
    },
    {
      id: "g-working",
      repo: "acme/web",
      number: 107,
      title: "Add pagination to the audit log",
      start: base - 2 * m,
      steps: [...spawned(base - 90_000)],
    },
    {
      id: "g-pr",
      repo: "acme/web",
      number: 108,
      title: "Speed up the search index",
      start: base - 50 * m,
      steps: [
        ...spawned(base - 49 * m),
        ...prOpened(base - 40 * m, "acme/web", 18),
        idle(base - 39 * m),
        ciResult(base - 38 * m, sha("a"), "pending"),
      ],
    },
    {
      id: "g-queued",
      repo: "acme/mobile",
      number: 301,
      title: "Offline mode",
      start: base - 5 * m,
      steps: [],
    },
    {
      id: "d-merged",
      repo: "acme/web",
      number: 110,
      title: "Remove the legacy billing page",
      start: base - 2 * 24 * 60 * m,
      steps: [
        ...spawned(base - 2 * 24 * 60 * m + m),
        ...prOpened(base - 2 * 24 * 60 * m + 60 * m, "acme/web", 20),
        idle(base - 2 * 24 * 60 * m + 61 * m),
        cost(base - 2 * 24 * 60 * m + 62 * m, 27.5),
        ciResult(base - 2 * 24 * 60 * m + 70 * m, sha("a"), "success"),
        [base - 2 * 24 * 60 * m + 90 * m, { type: "pr.closed", merged: true }],
        [base - 2 * 24 * 60 * m + 95 * m, { type: "cleanup.done" }],
      ],
    },
    {
      id: "d-killed",
      repo: "acme/web",
      number: 111,
      title: "Rewrite the mailer",
      start: base - 4 * 60 * m,
      steps: [...spawned(base - 239 * m), [base - 180 * m, { type: "human.kill", by: "maria" }]],
    },
  ];
}

/** Seeds `store`; returns when everything (sessions, logs, jobs, timers, cost) is written. */
export async function seedZones(store: Store, base: number): Promise<void> {
  const tmux = createTestApp({ name: "seed", store, now: base });
  const process = createTestApp({
    name: "seed",
    store,
    now: base,
    config: parseRepoConfig({ runtime: "process" }),
  });
  for (const script of scripts(base)) await playSession(tmux, script);
  await playSession(process, {
    id: "g-codex",
    repo: "acme/api",
    number: 202,
    title: "Typed API client",
    agent: "codex",
    start: base - 3 * minute,
    steps: [...spawned(base - 2 * minute, "desktop")],
  });
  await tmux.app.settle();
  await process.app.settle();
  // Cost as runners report it: cumulative per agent session, model and day.
  const report = (
    sessionId: string,
    repo: string,
    issueKey: string,
    day: string,
    model: string,
    usd: number,
  ) =>
    store.recordCost({
      sessionId,
      repo,
      issueKey,
      agentSessionId: `claude-${sessionId}`,
      model,
      day,
      inputTokens: Math.round(usd * 10_000),
      outputTokens: Math.round(usd * 2_000),
      cacheCreationTokens: Math.round(usd * 5_000),
      cacheReadTokens: Math.round(usd * 50_000),
      usd,
    });
  const today = utcDay(base);
  const twoDaysAgo = utcDay(base - 2 * 24 * 60 * minute);
  await report("o-merge", "acme/web", "102", today, "claude-sonnet-4-5", 3.2);
  await report("y-ci", "acme/web", "105", today, "claude-sonnet-4-5", 9);
  await report("y-ci", "acme/web", "105", today, "claude-haiku-4-5", 3);
  await report("d-merged", "acme/web", "110", twoDaysAgo, "claude-opus-4-1", 27.5);
  await report("r-errored", "acme/api", "201", today, "claude-opus-4-1", 64.2);
}
