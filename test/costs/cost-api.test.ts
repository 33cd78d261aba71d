// The cost API over real HTTP on real Redis, with costs that arrived as a runner reports them: an issue's total,
// sessions and models; today, the week and the month; every issue. Callers prove who they are as on the
// dashboard (bearer token or the signed sign-in cookie); a GitHub sign-in sees only its accounts' repos.
import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInCookie } from "../../src/dashboard/auth/viewer.js";
import { type CostApp, costEvent, dashboardToken, startCostApp } from "./cost-app.js";

let s: CostApp;
const bearer = { token: dashboardToken };

beforeAll(async () => {
  s = await startCostApp("cost-api", {
    dashboardEnv: { GITHUB_CLIENT_ID: "Iv1.costs", GITHUB_CLIENT_SECRET: "cost-client-secret" },
  });
  const laptop = await s.register("laptop");
  await s.running(laptop, "web-1", 42);
  await s.running(laptop, "web-2", 42);
  await s.running(laptop, "web-3", 43);
  await s.running(laptop, "site-1", 5, "globex/site");
  await s.running(laptop, "web-lin", "ENG-12");
  const sent = await laptop.send([
    costEvent("web-1", { usd: 3.25 }),
    costEvent("web-1", { usd: 0.5, model: "claude-haiku-4-5" }),
    costEvent("web-1", { usd: 1.75, day: "2026-11-20" }),
    costEvent("web-2", { usd: 6.125, model: "claude-opus-4-5" }),
    costEvent("web-3", { usd: 2, day: "2026-11-03" }),
    costEvent("site-1", { usd: 4, day: "2026-10-30" }),
    costEvent("web-lin", { usd: 0.004, model: "claude-haiku-4-5" }),
  ]);
  expect(sent.status).toBe(200);
  // A runner that restarted reports the same cumulative totals again: nothing changes.
  await laptop.send([
    costEvent("web-1", { usd: 3.25 }),
    costEvent("web-2", { usd: 6.125, model: "claude-opus-4-5" }),
  ]);
});
afterAll(async () => s?.close());

describe("GET /api/issues/:owner/:repo/:number/costs", () => {
  it("answers the total, each session with its agent and model, and each model with its share", async () => {
    const res = await s.call("GET", "/api/issues/acme/web/42/costs", bearer);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const tokens = (usd: number) => Math.round(usd * 100_000);
    expect(res.body).toMatchObject({
      issue: "acme/web#42",
      repo: "acme/web",
      issueKey: "42",
      title: "Issue 42",
      url: "https://github.com/acme/web/issues/42",
      total: { usd: 11.625, tokens: tokens(3.25) + tokens(0.5) + tokens(1.75) + tokens(6.125) },
      sessions: [
        {
          sessionId: "web-1",
          agent: "claude-code",
          model: "claude-sonnet-4-5",
          models: ["claude-sonnet-4-5", "claude-haiku-4-5"],
          state: "working",
          startedAt: "2026-11-22T09:00:00.000Z",
          endedAt: null,
          usd: 5.5,
          tokens: tokens(5) + tokens(0.5),
        },
        {
          sessionId: "web-2",
          agent: "claude-code",
          model: "claude-opus-4-5",
          models: ["claude-opus-4-5"],
          usd: 6.125,
        },
      ],
      byModel: [
        { model: "claude-opus-4-5", usd: 6.125, tokens: tokens(6.125), share: 0.5269 },
        { model: "claude-sonnet-4-5", usd: 5, tokens: tokens(5), share: 0.4301 },
        { model: "claude-haiku-4-5", usd: 0.5, tokens: tokens(0.5), share: 0.043 },
      ],
    });
  });

  it("agrees with the store's aggregates for the issue and each session, token kind by token kind", async () => {
    const res = await s.call("GET", "/api/issues/acme/web/42/costs", bearer);
    const body = res.body as {
      total: Record<string, number>;
      sessions: ({ sessionId: string } & Record<string, number>)[];
      byModel: ({ model: string } & Record<string, number>)[];
    };
    const kinds = ["inputTokens", "outputTokens", "cacheCreationTokens", "cacheReadTokens", "usd"] as const;
    const add = (byModel: Record<string, Record<(typeof kinds)[number], number>>) =>
      Object.fromEntries(
        kinds.map((k) => [k, Object.values(byModel).reduce((n, t) => n + t[k], 0)]),
      ) as Record<(typeof kinds)[number], number>;
    const issue = await s.t.store.readCost({ kind: "issue", repo: "acme/web", issueKey: "42" });
    for (const k of kinds) expect(body.total[k]).toBeCloseTo(add(issue)[k], 6);
    for (const row of body.byModel)
      for (const k of kinds) expect(row[k]).toBeCloseTo(issue[row.model]![k], 6);
    for (const session of body.sessions) {
      const stored = add(await s.t.store.readCost({ kind: "session", sessionId: session.sessionId }));
      for (const k of kinds) expect(session[k]).toBeCloseTo(stored[k], 6);
    }
  });

  it("finds the repo in another spelling and a Linear issue by its key", async () => {
    const upper = await s.call("GET", "/api/issues/ACME/Web/42/costs", bearer);
    expect(upper.body).toMatchObject({ issue: "acme/web#42", total: { usd: 11.625 } });
    const linear = await s.call("GET", "/api/issues/acme/web/eng-12/costs", bearer);
    expect(linear.body).toMatchObject({
      issue: "acme/web#ENG-12",
      total: { usd: 0.004 },
      byModel: [{ model: "claude-haiku-4-5", share: 1 }],
    });
  });

  it("says 404 for an issue no session worked on, and 400 naming a malformed part of the path", async () => {
    const none = await s.call("GET", "/api/issues/acme/web/999/costs", bearer);
    expect(none.status).toBe(404);
    expect(none.body.error).toContain("No Drover session has worked on acme/web#999");
    const bad = await s.call("GET", "/api/issues/acme/web/forty-two/costs", bearer);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe(
      "Invalid issue path: number: expected an issue number (42) or a Linear key (ENG-12)",
    );
    const owner = await s.call("GET", "/api/issues/-acme/web/42/costs", bearer);
    expect(owner.status).toBe(400);
    expect(owner.body.error).toContain("owner: expected a GitHub user or organisation name");
    const query = await s.call("GET", "/api/issues/acme/web/42/costs?since=2026-11-01", bearer);
    expect(query.status).toBe(400);
    expect(query.body.error).toBe(
      'Invalid query: unknown parameter "since"; this route takes no query parameters',
    );
  });
});

describe("GET /api/costs/summary", () => {
  it("adds up today, the last 7 days and this month (UTC)", async () => {
    const res = await s.call("GET", "/api/costs/summary", bearer);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      timeZone: "UTC",
      today: { from: "2026-11-22", to: "2026-11-22", usd: 9.879, tokens: 325_000 + 50_000 + 612_500 + 400 },
      week: { from: "2026-11-16", to: "2026-11-22", usd: 11.629, tokens: 987_900 + 175_000 },
      month: { from: "2026-11-01", to: "2026-11-22", usd: 13.629, tokens: 1_162_900 + 200_000 },
    });
  });
});

describe("GET /api/costs/by-issue", () => {
  it("lists every issue with cost, most expensive first, and filters by repo", async () => {
    const res = await s.call("GET", "/api/costs/by-issue", bearer);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      issues: [
        {
          issue: "acme/web#42",
          repo: "acme/web",
          issueKey: "42",
          title: "Issue 42",
          url: "https://github.com/acme/web/issues/42",
          sessions: 2,
          models: ["claude-haiku-4-5", "claude-opus-4-5", "claude-sonnet-4-5"],
          usd: 11.625,
          tokens: 1_162_500,
        },
        expect.objectContaining({ issue: "globex/site#5", sessions: 1, usd: 4, tokens: 400_000 }),
        expect.objectContaining({ issue: "acme/web#43", sessions: 1, usd: 2, tokens: 200_000 }),
        expect.objectContaining({ issue: "acme/web#ENG-12", issueKey: "ENG-12", usd: 0.004, tokens: 400 }),
      ],
      total: { usd: 17.629, tokens: 1_762_900 },
    });
    const web = await s.call("GET", "/api/costs/by-issue?repo=acme/web", bearer);
    expect((web.body.issues as { issue: string }[]).map((row) => row.issue)).toEqual([
      "acme/web#42",
      "acme/web#43",
      "acme/web#ENG-12",
    ]);
    const bad = await s.call("GET", "/api/costs/by-issue?repo=acme", bearer);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("Invalid query: repo: expected owner/name");
  });
});

describe("who may read costs", () => {
  const paths = ["/api/issues/acme/web/42/costs", "/api/costs/summary", "/api/costs/by-issue"];

  it("refuses a request without credentials, with a wrong token or a forged cookie: 401 saying how to sign in", async () => {
    for (const options of [
      {},
      { token: "not-the-dashboard-token-000" },
      { cookie: "drover_dashboard=eyJ2IjoxfQ.forged" },
    ]) {
      for (const path of paths) {
        const res = await s.call("GET", path, options);
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
        expect(res.body.error).toContain("Authorization: Bearer $DROVER_DASHBOARD_TOKEN");
        expect(res.headers.get("www-authenticate")).toBe('Bearer realm="drover"');
      }
    }
  });

  it("accepts the dashboard's sign-in cookie from the token login", async () => {
    const login = await fetch(`${s.url}/dashboard/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: dashboardToken, name: "maria" }),
      redirect: "manual",
    });
    expect(login.status).toBe(303);
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    for (const path of paths) expect((await s.call("GET", path, { cookie })).status).toBe(200);
  });

  it("shows someone signed in with GitHub only the repos of their accounts", async () => {
    const request = { headers: {}, socket: {} } as unknown as IncomingMessage;
    const header = signInCookie(s.t.app, request, { kind: "github", login: "ada", accounts: ["globex"] });
    const cookie = header.split(";")[0]!;
    const rows = await s.call("GET", "/api/costs/by-issue", { cookie });
    expect(rows.body).toEqual({
      issues: [expect.objectContaining({ issue: "globex/site#5", usd: 4 })],
      total: { usd: 4, tokens: 400_000 },
    });
    expect((await s.call("GET", "/api/issues/globex/site/5/costs", { cookie })).status).toBe(200);
    const hidden = await s.call("GET", "/api/issues/acme/web/42/costs", { cookie });
    expect(hidden.status).toBe(404);
    // Totals too: globex spent nothing this month (its cost is from October); acme's spend stays hidden.
    const summary = await s.call("GET", "/api/costs/summary", { cookie });
    expect(summary.body).toMatchObject({
      today: { usd: 0, tokens: 0 },
      week: { usd: 0, tokens: 0 },
      month: { usd: 0, tokens: 0 },
    });
  });

  it("adds up the totals of every account someone signed in with GitHub has, whatever their case", async () => {
    const request = { headers: {}, socket: {} } as unknown as IncomingMessage;
    const both = signInCookie(s.t.app, request, {
      kind: "github",
      login: "ada",
      accounts: ["Globex", "ACME"],
    });
    const cookie = both.split(";")[0]!;
    const [mine, all] = await Promise.all([
      s.call("GET", "/api/costs/summary", { cookie }),
      s.call("GET", "/api/costs/summary", bearer),
    ]);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual(all.body);
  });
});
