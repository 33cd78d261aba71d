// GitHub sign-in through the web flow, with GitHub faked at the HTTP boundary (nock) while Octokit runs for
// real: members of an account where the app is installed get in and see that account's sessions only; others,
// forged states and read-only users are refused.
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import {
  cookieHeader,
  cookiesFrom,
  csrfFrom,
  type DashboardServer,
  form,
  startDashboard,
} from "./dashboard-server.js";
import { minute, playSession, spawned } from "./seed.js";

const clientId = "Iv1.dashboard-test";
const clientSecret = "client-secret-for-tests";
let t: TestApp;
let server: DashboardServer;
let url: string;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith("127.0.0.1"));
  t = createTestApp({ name: "dashboard-github" });
  const start = t.clock.now;
  await playSession(t, {
    id: "acme-1",
    repo: "acme/web",
    number: 1,
    title: "Acme: fix the footer",
    start,
    steps: spawned(start + minute),
  });
  await playSession(t, {
    id: "other-1",
    repo: "other/secret",
    number: 1,
    title: "Other: private plans",
    start,
    steps: spawned(start + minute),
  });
  server = await startDashboard(t, { GITHUB_CLIENT_ID: clientId, GITHUB_CLIENT_SECRET: clientSecret });
  url = server.url;
});

afterEach(() => {
  nock.cleanAll();
});

afterAll(async () => {
  nock.enableNetConnect();
  await server?.close();
  await t?.close();
});

function fakeGitHub(code: string, login: string, accounts: string[]) {
  const token = `ghu_${login}_token`;
  const exchange = nock("https://github.com")
    .post(
      "/login/oauth/access_token",
      (body) =>
        body.code === code &&
        body.client_id === clientId &&
        body.client_secret === clientSecret &&
        body.redirect_uri === `${url}/dashboard/auth/github/callback`,
    )
    .reply(200, { access_token: token, token_type: "bearer", scope: "" });
  const api = nock("https://api.github.com", { reqheaders: { authorization: (v) => v.endsWith(token) } })
    .get("/user")
    .reply(200, { login, id: 42, type: "User" })
    .get("/user/installations")
    .query({ per_page: "100" })
    .reply(200, {
      total_count: accounts.length,
      installations: accounts.map((account, i) => ({
        id: i + 1,
        account: { login: account, type: "Organization" },
      })),
    });
  return { exchange, api };
}

/** Starts sign-in for `next` and follows GitHub's redirect back with `code`. */
async function signInWithGitHub(code: string, next: string, stateOverride?: string): Promise<Response> {
  const start = await fetch(`${url}/dashboard/auth/github?next=${encodeURIComponent(next)}`, {
    redirect: "manual",
  });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get("location")!);
  expect(`${authorize.origin}${authorize.pathname}`).toBe("https://github.com/login/oauth/authorize");
  expect(authorize.searchParams.get("client_id")).toBe(clientId);
  expect(authorize.searchParams.get("redirect_uri")).toBe(`${url}/dashboard/auth/github/callback`);
  const state = stateOverride ?? authorize.searchParams.get("state")!;
  return fetch(`${url}/dashboard/auth/github/callback?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie: cookieHeader(cookiesFrom(start)) },
    redirect: "manual",
  });
}

describe("GitHub sign-in", () => {
  it("offers only GitHub on the login page when no token is set", async () => {
    const page = await (await fetch(`${url}/dashboard/login?next=%2Fdashboard%2Fcosts`)).text();
    expect(page).toContain('href="/dashboard/auth/github?next=%2Fdashboard%2Fcosts"');
    expect(page).not.toContain('name="token"');
  });

  it("lets a member of an installed account in, back to the deep link, seeing that account only", async () => {
    const github = fakeGitHub("good-code", "maria", ["acme"]);
    const res = await signInWithGitHub("good-code", "/dashboard/sessions/acme-1");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/sessions/acme-1");
    expect(github.exchange.isDone() && github.api.isDone()).toBe(true);
    const cookies = cookiesFrom(res);
    expect(cookies.drover_oauth).toBe(""); // the one-time state is cleared
    const cookie = cookieHeader({ drover_dashboard: cookies.drover_dashboard! });
    const detail = await fetch(`${url}/dashboard/sessions/acme-1`, { headers: { cookie } });
    expect(detail.status).toBe(200);
    expect(await detail.text()).toContain("Signed in as <strong>maria</strong>");
    const attention = await (await fetch(`${url}/dashboard`, { headers: { cookie } })).text();
    expect(attention).toContain("Acme: fix the footer");
    expect(attention).not.toContain("Other: private plans");
    const hidden = await fetch(`${url}/dashboard/sessions/other-1`, { headers: { cookie } });
    expect(hidden.status).toBe(404);
  });

  it("acts as the GitHub user, and only with write access to the repo", async () => {
    fakeGitHub("code-2", "maria", ["acme"]);
    const cookie = cookieHeader({
      drover_dashboard: cookiesFrom(await signInWithGitHub("code-2", "/dashboard")).drover_dashboard!,
    });
    const csrf = csrfFrom(
      await (await fetch(`${url}/dashboard/sessions/acme-1`, { headers: { cookie } })).text(),
    );
    const github = t.app.ports.github!;
    t.app.ports.github = { ...github, permission: async () => "read" };
    try {
      const refused = await fetch(`${url}/dashboard/sessions/acme-1/send`, {
        method: "POST",
        headers: { cookie, origin: url },
        body: form({ csrf, message: "hello" }),
        redirect: "manual",
      });
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain("@maria has read access to acme/web");
    } finally {
      t.app.ports.github = github;
    }
    const allowed = await fetch(`${url}/dashboard/sessions/acme-1/send`, {
      method: "POST",
      headers: { cookie, origin: url },
      body: form({ csrf, message: "Keep the footer links" }),
      redirect: "manual",
    });
    expect(allowed.status).toBe(303);
    expect((await t.store.readLog("acme-1")).map((e) => e.summary)).toContain("@maria sent a message");
  });

  it("keeps out a user with no access to any installation", async () => {
    fakeGitHub("code-3", "mallory", []);
    const res = await signInWithGitHub("code-3", "/dashboard");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(
      "@mallory is not a member of any account where the Drover app is installed",
    );
    expect(cookiesFrom(res).drover_dashboard).toBeUndefined();
  });

  it("refuses a callback whose state does not match the one it started with", async () => {
    const exchange = fakeGitHub("code-4", "maria", ["acme"]).exchange;
    const res = await signInWithGitHub("code-4", "/dashboard", "forged-state-value-forged-state");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("sign in again");
    expect(exchange.isDone()).toBe(false);
  });

  it("says what GitHub answered when the code is refused", async () => {
    nock("https://github.com").post("/login/oauth/access_token").reply(200, {
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
    });
    const res = await signInWithGitHub("stale", "/dashboard");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("bad_verification_code");
  });
});
