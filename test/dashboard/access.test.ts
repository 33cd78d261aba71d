// Who gets in and what their buttons do, over HTTP against the real route table and a real Redis store:
// unauthenticated requests are refused (login page or 401), the token works as a bearer header and at the
// login page, deep links survive the login, and the session buttons need a matching CSRF token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import {
  cookieHeader,
  cookiesFrom,
  csrfFrom,
  type DashboardServer,
  form,
  startDashboard,
} from "./dashboard-server.js";
import { minute, playSession, prOpened, spawned } from "./seed.js";

const token = "dash-token-0123456789abcdef";
/** The JSON form of a page, as the live refresh reads it. */
type Live = { title: string; etag: string; html: string };
let t: TestApp;
let server: DashboardServer;
let url: string;

beforeAll(async () => {
  t = createTestApp({ name: "dashboard-access" });
  const start = t.clock.now;
  await playSession(t, {
    id: "web-7",
    repo: "acme/web",
    number: 7,
    title: "Dark mode for <settings>",
    start,
    steps: spawned(start + minute),
  });
  await playSession(t, {
    id: "web-8",
    repo: "acme/web",
    number: 8,
    title: "Faster search",
    start: start + 2 * minute,
    steps: spawned(start + 3 * minute),
  });
  await playSession(t, {
    id: "web-10",
    repo: "acme/web",
    number: 10,
    title: "Waiting for a runner",
    start: start + 4 * minute,
    steps: [],
  });
  await playSession(t, {
    id: "web-11",
    repo: "acme/web",
    number: 11,
    title: "Ship the changelog",
    start: start + 5 * minute,
    steps: [...spawned(start + 6 * minute), ...prOpened(start + 7 * minute, "acme/web", 31)],
  });
  server = await startDashboard(t, { DROVER_DASHBOARD_TOKEN: token, DROVER_DASHBOARD_REFRESH: "2s" });
  url = server.url;
});

afterAll(async () => {
  await server?.close();
  await t?.close();
});

async function signIn(name = "maria", next = "/dashboard"): Promise<Response> {
  return fetch(`${url}/dashboard/login`, {
    method: "POST",
    body: form({ token, name, next }),
    redirect: "manual",
  });
}

/** Signs in as `name` and opens `path`, returning the cookie and the CSRF token of its forms. */
async function signedInPage(
  path: string,
  name = "maria",
): Promise<{ cookie: string; csrf: string; page: string }> {
  const cookie = cookieHeader(cookiesFrom(await signIn(name)));
  const page = await (await fetch(`${url}${path}`, { headers: { cookie } })).text();
  return { cookie, csrf: csrfFrom(page), page };
}

describe("without signing in", () => {
  it("sends people to the login page, keeping the page they asked for", async () => {
    const res = await fetch(`${url}/dashboard/sessions/web-7?from=slack`, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(
      "/dashboard/login?next=%2Fdashboard%2Fsessions%2Fweb-7%3Ffrom%3Dslack",
    );
    const login = await fetch(`${url}${res.headers.get("location")}`);
    const page = await login.text();
    expect(login.status).toBe(200);
    expect(page).toContain('<input type="hidden" name="next" value="/dashboard/sessions/web-7?from=slack">');
    expect(page).toContain('<label for="token">');
    expect(page).not.toContain("Sign in with GitHub");
  });

  it("answers scripts with 401 JSON and refuses a wrong bearer token", async () => {
    const res = await fetch(`${url}/dashboard`, { headers: { accept: "application/json" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    expect(((await res.json()) as { error: string }).error).toContain("Sign in first");
    const wrong = await fetch(`${url}/dashboard/costs`, {
      headers: { authorization: "Bearer nope-nope-nope-nope", accept: "application/json" },
    });
    expect(wrong.status).toBe(401);
    const post = await fetch(`${url}/dashboard/sessions/web-7/kill`, {
      method: "POST",
      headers: { accept: "application/json" },
      body: form({}),
    });
    expect(post.status).toBe(401);
    expect(await t.store.listJobs({ sessionId: "web-7" })).not.toContainEqual(
      expect.objectContaining({ payload: expect.objectContaining({ kind: "kill" }) }),
    );
  });

  it("serves the stylesheet and script to everyone, cacheable by content", async () => {
    const page = await (await fetch(`${url}/dashboard/login`)).text();
    const css = /href="(\/dashboard\/assets\/dashboard\.css\?v=\w+)"/.exec(page)![1]!;
    const res = await fetch(`${url}${css}`);
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(await res.text()).toContain(":focus-visible");
    expect((await fetch(`${url}/dashboard/assets/secrets.txt`)).status).toBe(404);
  });
});

describe("the dashboard token", () => {
  it("works as a bearer header, for pages and their JSON", async () => {
    const page = await fetch(`${url}/dashboard`, { headers: { authorization: `Bearer ${token}` } });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain("Dark mode for &lt;settings&gt;");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const json = await fetch(`${url}/dashboard/metrics`, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    });
    expect(json.status).toBe(200);
    expect(((await json.json()) as Live).html).toContain("claude-code");
  });

  it("is exchanged at the login page for an HttpOnly, SameSite cookie, then back to the deep link", async () => {
    const wrong = await fetch(`${url}/dashboard/login`, {
      method: "POST",
      body: form({ token: "not-the-token", next: "/dashboard/sessions/web-7" }),
      redirect: "manual",
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("That is not the dashboard token");
    expect(wrong.headers.getSetCookie()).toEqual([]);

    const res = await signIn("maria", "/dashboard/sessions/web-7");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/sessions/web-7");
    const [line] = res.headers.getSetCookie();
    expect(line).toMatch(/^drover_dashboard=[\w.-]+; Path=\/; Max-Age=43200; HttpOnly; SameSite=Lax$/);
    const page = await fetch(`${url}/dashboard/sessions/web-7`, {
      headers: { cookie: cookieHeader(cookiesFrom(res)) },
    });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain("<h1>Dark mode for &lt;settings&gt;</h1>");
    expect(text).toContain("Signed in as <strong>maria</strong>");
  });

  it("never redirects off the dashboard after sign-in", async () => {
    const res = await signIn("maria", "https://evil.example/dashboard");
    expect(res.headers.get("location")).toBe("/dashboard");
  });

  it("refuses a name that is not a GitHub login, naming the field", async () => {
    const res = await signIn("<script>");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("name: use your GitHub login");
  });

  it("refuses a forged or tampered cookie", async () => {
    const cookie = cookiesFrom(await signIn()).drover_dashboard!;
    const [body, signature] = cookie.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body!, "base64url").toString()), login: "admin" }),
    ).toString("base64url");
    const res = await fetch(`${url}/dashboard`, {
      headers: { cookie: `drover_dashboard=${forged}.${signature}`, accept: "application/json" },
    });
    expect(res.status).toBe(401);
  });
});

describe("session buttons", () => {
  it("refuses a post without the CSRF token or from another site, and does nothing", async () => {
    const { cookie, csrf } = await signedInPage("/dashboard/sessions/web-8");
    const missing = await fetch(`${url}/dashboard/sessions/web-8/kill`, {
      method: "POST",
      headers: { cookie },
      body: form({}),
      redirect: "manual",
    });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain("reload the page");
    const crossSite = await fetch(`${url}/dashboard/sessions/web-8/kill`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example" },
      body: form({ csrf }),
      redirect: "manual",
    });
    expect(crossSite.status).toBe(403);
    const other = await signedInPage("/dashboard/sessions/web-8"); // another sign-in has another token
    const stale = await fetch(`${url}/dashboard/sessions/web-8/kill`, {
      method: "POST",
      headers: { cookie: other.cookie },
      body: form({ csrf }),
      redirect: "manual",
    });
    expect(stale.status).toBe(403);
    expect((await t.store.getSession("web-8"))?.state).toBe("working");
  });

  it("sends a message to the agent as a send job, signed with the viewer's name", async () => {
    const { cookie, csrf } = await signedInPage("/dashboard/sessions/web-8");
    const empty = await fetch(`${url}/dashboard/sessions/web-8/send`, {
      method: "POST",
      headers: { cookie, origin: url },
      body: form({ csrf, message: "   " }),
      redirect: "manual",
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("message: write a message for the agent");
    const res = await fetch(`${url}/dashboard/sessions/web-8/send`, {
      method: "POST",
      headers: { cookie, origin: url },
      body: form({ csrf, message: "Use the v2 search API" }),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/sessions/web-8?done=send");
    const jobs = await t.store.listJobs({ sessionId: "web-8" });
    expect(jobs.map((j) => j.payload)).toContainEqual({
      kind: "send",
      sessionId: "web-8",
      message: "Use the v2 search API",
    });
    const log = await t.store.readLog("web-8");
    expect(log.map((e) => e.summary)).toContain("@maria sent a message");
    const page = await (
      await fetch(`${url}/dashboard/sessions/web-8?done=send`, { headers: { cookie } })
    ).text();
    expect(page).toContain("Message sent to the agent.");
  });

  it("kills a session: a kill job for its runner, then nothing more to do", async () => {
    const { cookie, csrf } = await signedInPage("/dashboard/sessions/web-7");
    const res = await fetch(`${url}/dashboard/sessions/web-7/kill`, {
      method: "POST",
      headers: { cookie, origin: url },
      body: form({ csrf }),
      redirect: "manual",
    });
    expect(res.headers.get("location")).toBe("/dashboard/sessions/web-7?done=kill");
    const kill = (await t.store.listJobs({ sessionId: "web-7" })).find((j) => j.payload.kind === "kill");
    expect(kill).toMatchObject({ queue: "runner:laptop", state: "queued" });
    const session = await t.store.getSession("web-7");
    expect(session?.state).toBe("killed");
    const again = await fetch(`${url}/dashboard/sessions/web-7/kill`, {
      method: "POST",
      headers: { cookie, origin: url },
      body: form({ csrf }),
      redirect: "manual",
    });
    expect(again.headers.get("location")).toBe("/dashboard/sessions/web-7?ignored=kill");
    const page = await (await fetch(`${url}/dashboard/sessions/web-7`, { headers: { cookie } })).text();
    expect(page).toContain("This session has ended");
    expect(page).not.toContain("Kill session");
  });

  it("acts for a bearer script without a CSRF token and answers JSON", async () => {
    const res = await fetch(`${url}/dashboard/sessions/web-8/send`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      body: form({ message: "Also update the docs" }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ok: true, changed: true, state: "working" });
    const missing = await fetch(`${url}/dashboard/sessions/nope/kill`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      body: form({}),
    });
    expect(missing.status).toBe(404);
  });
});

describe("merging", () => {
  it("asks GitHub to merge the session's open PR", async () => {
    const { cookie, csrf, page } = await signedInPage("/dashboard/sessions/web-11", "omar");
    expect(page).toContain("Merge PR #31");
    const res = await fetch(`${url}/dashboard/sessions/web-11/merge`, {
      method: "POST",
      headers: { cookie, origin: url },
      body: form({ csrf }),
      redirect: "manual",
    });
    expect(res.headers.get("location")).toBe("/dashboard/sessions/web-11?done=merge");
    expect(t.recorded.github).toContainEqual({ call: "merge", sessionId: "web-11", args: [] });
    expect((await t.store.readLog("web-11")).map((e) => e.summary)).toContain("@omar asked to merge");
  });
});

describe("the session page", () => {
  it("offers no message form before the agent runs", async () => {
    const page = await (
      await fetch(`${url}/dashboard/sessions/web-10`, { headers: { authorization: `Bearer ${token}` } })
    ).text();
    expect(page).toContain("The agent has not started yet");
    expect(page).not.toContain("<textarea");
    expect(page).toContain("Kill session");
  });

  it("answers an unknown session with a 404 page", async () => {
    const res = await fetch(`${url}/dashboard/sessions/nope`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("There is no session nope you can see");
  });
});

describe("signing out", () => {
  it("clears the cookie, with the CSRF token", async () => {
    const cookie = cookieHeader(cookiesFrom(await signIn()));
    const csrf = csrfFrom(await (await fetch(`${url}/dashboard`, { headers: { cookie } })).text());
    const res = await fetch(`${url}/dashboard/logout`, {
      method: "POST",
      headers: { cookie, origin: url },
      body: form({ csrf }),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/login");
    expect(res.headers.getSetCookie()[0]).toMatch(/^drover_dashboard=; Path=\/; Max-Age=0;/);
  });
});

describe("live refresh", () => {
  it("answers the page's JSON form with an ETag, 304 while nothing changed", async () => {
    const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
    const first = await fetch(`${url}/dashboard`, { headers });
    const body = (await first.json()) as Live;
    expect(body.etag).toBe(first.headers.get("etag"));
    expect(body.html).toContain('data-live="zone-green"');
    const same = await fetch(`${url}/dashboard`, { headers: { ...headers, "if-none-match": body.etag } });
    expect(same.status).toBe(304);
    await playSession(t, {
      id: "web-9",
      repo: "acme/web",
      number: 9,
      title: "Export to CSV",
      start: t.clock.now,
      steps: [
        ...spawned(t.clock.now + 1000),
        [t.clock.now + 5000, { type: "agent.needs_input", message: "CSV or TSV?" }],
      ],
    });
    const changed = await fetch(`${url}/dashboard`, { headers: { ...headers, "if-none-match": body.etag } });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as Live).html).toContain("CSV or TSV?");
  });
});
