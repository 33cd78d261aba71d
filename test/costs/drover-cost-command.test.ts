// What people see of cost on GitHub, checked against the store's aggregates: costs reported over the runner
// protocol for two sessions of one issue (one stopped, one running another agent), then `/drover cost`'s
// breakdown by session and by model, the cost API's answer for the same issue, and the status comment's badge.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseDashboardEnv } from "../../src/dashboard/dashboard-env.js";
import { configureDashboard } from "../../src/dashboard/dashboard-settings.js";
import { protocolVersion } from "../../src/protocol/version.js";
import type { CostByModel } from "../../src/store/store.js";
import { type Harness, startHarness } from "../github/support/github-harness.js";
import { issueCommentCreated, issuesLabeled } from "../github/support/payloads.js";
import { costEvent, dashboardToken, registrationToken } from "./cost-app.js";

let h: Harness;
let base: string;
let runnerToken: string;
let seq = 0;
let commentId = 5000;

const post = async (path: string, token: string, body: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const reply = (await res.json()) as Record<string, unknown>;
  await h.app.settle();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(reply)}`);
  return reply;
};
const send = (events: Record<string, unknown>[]) =>
  post("/api/runner/events", runnerToken, {
    protocol: protocolVersion,
    stream: "stream-laptop",
    events: events.map((e) => ({ seq: ++seq, at: h.clock.now, ...e })),
  });

/** The runner takes the session's spawn job and reports its agent started. */
async function start(sessionId: string) {
  const polled = await post("/api/runner/poll", runnerToken, {
    protocol: protocolVersion,
    capacity: 2,
    running: 0,
    repos: ["acme/web"],
    leaseMs: 60_000,
  });
  const spawn = (polled.jobs as { id: string; job: { sessionId: string } }[]).find(
    (j) => j.job.sessionId === sessionId,
  );
  await send([
    { type: "agent.spawned", sessionId, agentSessionId: `agent-${sessionId}` },
    { type: "job.finished", jobId: spawn!.id, ok: true },
  ]);
}

async function comment(body: string): Promise<string> {
  const id = commentId++;
  const before = h.fake.commentsOn(42).length;
  await h.deliver(
    "issue_comment",
    issueCommentCreated({
      number: 42,
      body,
      commentId: id,
      onPullRequest: false,
      author: { login: "maria" },
    }),
  );
  return h.fake
    .commentsOn(42)
    .slice(before)
    .map((c) => c.body)
    .join("\n");
}

const dollars = (text: string) => Number(text.replace(/[$,`]/g, ""));
const count = (text: string) => Number(text.replace(/,/g, ""));
const tokensOf = (byModel: CostByModel) =>
  Object.values(byModel).reduce(
    (n, t) => n + t.inputTokens + t.outputTokens + t.cacheCreationTokens + t.cacheReadTokens,
    0,
  );
const usdOf = (byModel: CostByModel) => Object.values(byModel).reduce((n, t) => n + t.usd, 0);

beforeEach(async () => {
  h = await startHarness("costs-command");
  h.app.env.DROVER_REGISTRATION_TOKEN = registrationToken;
  configureDashboard(h.app, parseDashboardEnv({ DROVER_DASHBOARD_TOKEN: dashboardToken }));
  base = h.url.replace(/\/api\/github\/webhooks$/, "");
  h.fake.permissions.set("maria", "write");
  const registered = await post("/api/runner/register", registrationToken, {
    protocol: protocolVersion,
    name: "laptop",
    repos: ["acme/web"],
  });
  runnerToken = registered.token as string;
});
afterEach(async () => h.close());

describe("/drover cost", () => {
  it("answers by session and by model with the figures the store aggregated, as the cost API does", async () => {
    await h.deliver(
      "issues",
      issuesLabeled({ number: 42, title: "Fix the login redirect", label: "drover" }),
    );
    const [first] = await h.store.listSessions();
    await start(first!.id);
    await send([
      costEvent(first!.id, { usd: 4.2 }),
      costEvent(first!.id, { usd: 0.35, model: "claude-haiku-4-5" }),
    ]);
    expect(await comment("/drover kill")).toContain("Stopping the agent");
    // The agent's last read arrives after it was stopped, and a repeat of it.
    await send([costEvent(first!.id, { usd: 4.5 }), costEvent(first!.id, { usd: 4.5 })]);
    h.clock.now += 10 * 60_000;
    expect(await comment("/drover spawn agent=codex model=gpt-5")).toContain("Started session");
    const second = (await h.store.listSessions()).find((s) => s.id !== first!.id)!;
    await start(second.id);
    await send([costEvent(second.id, { usd: 1.2, model: "gpt-5", agentSessionId: "codex-1" })]);

    const answer = await comment("/drover cost");
    const issue = await h.store.readCost({ kind: "issue", repo: "acme/web", issueKey: "42" });
    const head = /\*\*Cost so far:\*\* 🟡 `(\$[\d.,]+)` · 2 sessions, ([\d,]+) tokens/.exec(answer);
    expect(head, answer).not.toBeNull();
    expect(dollars(head![1]!)).toBeCloseTo(usdOf(issue), 6);
    expect(dollars(head![1]!)).toBe(6.05);
    expect(count(head![2]!)).toBe(tokensOf(issue));

    for (const session of [first!, second]) {
      const row = new RegExp(
        `\\| \`${session.id}\` \\| ([^|]+) \\| ([^|]+) \\| (\\$[\\d.,]+) \\| ([\\d,]+) \\|`,
      ).exec(answer);
      expect(row, answer).not.toBeNull();
      const stored = await h.store.readCost({ kind: "session", sessionId: session.id });
      expect(dollars(row![3]!)).toBeCloseTo(usdOf(stored), 2);
      expect(count(row![4]!)).toBe(tokensOf(stored));
    }
    expect(answer).toContain(`| \`${second.id}\` | codex (gpt-5) |`);

    const shares: number[] = [];
    for (const [model, totals] of Object.entries(issue)) {
      const row = new RegExp(`\\| ${model} \\| (\\$[\\d.,]+) \\| (\\d+)% \\| ([\\d,]+) \\|`).exec(answer);
      expect(row, answer).not.toBeNull();
      expect(dollars(row![1]!)).toBeCloseTo(totals.usd, 2);
      expect(count(row![3]!)).toBe(
        totals.inputTokens + totals.outputTokens + totals.cacheCreationTokens + totals.cacheReadTokens,
      );
      shares.push(Number(row![2]));
    }
    expect(shares.sort((a, b) => b - a)).toEqual([74, 20, 6]);

    // The API answers the same figures for the same issue.
    const res = await fetch(`${base}/api/issues/acme/web/42/costs`, {
      headers: { authorization: `Bearer ${dashboardToken}` },
    });
    const api = (await res.json()) as {
      total: { usd: number; tokens: number };
      sessions: { sessionId: string; agent: string; model: string; state: string; usd: number }[];
      byModel: { model: string; usd: number; share: number }[];
    };
    expect(api.total).toMatchObject({ usd: 6.05, tokens: count(head![2]!) });
    expect(api.sessions).toMatchObject([
      { sessionId: first!.id, agent: "claude-code", model: "claude-sonnet-4-5", state: "killed", usd: 4.85 },
      { sessionId: second.id, agent: "codex", model: "gpt-5", state: "working", usd: 1.2 },
    ]);
    expect(api.byModel.map((m) => [m.model, m.usd, Math.round(m.share * 100)])).toEqual([
      ["claude-sonnet-4-5", 4.5, 74],
      ["gpt-5", 1.2, 20],
      ["claude-haiku-4-5", 0.35, 6],
    ]);

    // The status comment, refreshed when the running session changes state, carries the same badge.
    await send([{ type: "agent.needs_input", sessionId: second.id, message: "Which cache?" }]);
    const status = h.fake.commentsOn(42).filter((c) => c.body.includes("<!-- drover:status -->"));
    const badge = /\| Cost \| (.+) \|/.exec(status.at(-1)?.body ?? "")?.[1];
    expect(badge).toBe(`🟡 \`$6.05\` · 2 sessions, ${head![2]} tokens`);
  });
});
