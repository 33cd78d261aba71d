// The dashboard in a real browser: Debian's Chromium (playwright-core) against `drover serve` on the same
// real redis-server the sessions were seeded into. Zones, the kill and send buttons, refusing strangers,
// token login with the deep link kept, live refresh, a phone-sized screen and accessible markup.
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Zone, zones } from "../../src/dashboard/attention-zone.js";
import { createRedisStore } from "../../src/store/create-redis-store.js";
import type { Store } from "../../src/store/store.js";
import { type RunningServer, startDroverServe } from "../support/drover-cli.js";
import { createTestApp, uniquePrefix } from "../support/test-app.js";
import { type Browser, launchChromium, lowContrast, screenshot } from "./browser.js";
import { minute, playSession, spawned } from "./seed.js";
import { expectedBadges, expectedZones, seedZones } from "./seed-zones.js";

const token = "browser-token-0123456789abcdef";
const prefix = uniquePrefix("dashboard-browser");
let store: Store;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  store = createRedisStore({ url: inject("redisUrl"), prefix });
  await seedZones(store, Date.now());
  server = await startDroverServe({
    REDIS_URL: inject("redisUrl"),
    DROVER_KEY_PREFIX: prefix,
    DROVER_DASHBOARD_TOKEN: token,
    DROVER_DASHBOARD_REFRESH: "1s",
    DROVER_PUBLIC_URL: "",
    GITHUB_CLIENT_ID: "",
    GITHUB_CLIENT_SECRET: "",
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await store?.close();
});

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Signs in through the login page the way a person does. */
async function signIn(page: Page, path = "/dashboard"): Promise<void> {
  await page.goto(`${server.url}${path}`);
  if (!page.url().includes("/dashboard/login")) return;
  await page.getByLabel("Dashboard token").fill(token);
  await page.getByLabel("Your GitHub login (optional)").fill("maria");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/dashboard/login"));
}

async function sessionsIn(page: Page, zone: Zone): Promise<string[]> {
  const ids = await page
    .locator(`section[data-zone="${zone}"] li[data-session]`)
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-session") ?? ""));
  return ids.sort();
}

async function waitForJob(sessionId: string, kind: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const job = (await store.listJobs({ sessionId })).find((j) => j.payload.kind === kind);
    if (job) return job;
    if (Date.now() > deadline) throw new Error(`no ${kind} job for ${sessionId}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("the dashboard in Chromium", { timeout: 90_000 }, () => {
  it("refuses strangers: the login page for people, 401 for scripts", async () => {
    const page = await newPage();
    await page.goto(`${server.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe("/dashboard/login");
    await page.getByRole("heading", { level: 1, name: "Sign in to Drover" }).waitFor();
    expect(await page.locator("li[data-session]").count()).toBe(0);
    await page.getByLabel("Dashboard token").fill("a-wrong-token-of-some-length");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "That is not the dashboard token" }).waitFor();
    await screenshot(page, "login-refused");
    const json = await fetch(`${server.url}/dashboard/sessions/r-input`, {
      headers: { accept: "application/json" },
    });
    expect(json.status).toBe(401);
    await page.close();
  });

  it("signs in with the token and lands on the deep link a notification opened", async () => {
    const page = await newPage();
    await page.goto(`${server.url}/dashboard/sessions/r-input`);
    expect(page.url()).toBe(`${server.url}/dashboard/login?next=%2Fdashboard%2Fsessions%2Fr-input`);
    await page.getByLabel("Dashboard token").fill(token);
    await page.getByLabel("Your GitHub login (optional)").fill("maria");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/dashboard/sessions/r-input`);
    await page.getByRole("heading", { level: 1, name: "Export the reports as CSV" }).waitFor();
    expect(await page.locator('[data-live="headline"]').innerText()).toContain(
      "Should the export include archived rows?",
    );
    expect(await page.locator('[data-live="timeline"]').innerText()).toContain(
      "agent asks: Should the export include archived rows?",
    );
    await screenshot(page, "session-deep-link");
    await page.close();
  });

  it("shows each session in its zone, green and grey collapsed", async () => {
    const page = await newPage();
    await signIn(page);
    await page.getByRole("heading", { level: 1, name: "Attention" }).waitFor();
    for (const zone of ["green", "grey"] as const) {
      const details = page.locator(`section[data-zone="${zone}"] details`);
      expect(await details.getAttribute("open")).toBeNull();
      expect(await page.locator(`section[data-zone="${zone}"] li[data-session]`).first().isVisible()).toBe(
        false,
      );
      await details.locator("summary").click();
    }
    for (const zone of zones)
      expect({ zone, ids: await sessionsIn(page, zone) }).toEqual({ zone, ids: expectedZones[zone] });
    expect(await page.locator('li[data-session="y-ci"] .reason').innerText()).toBe(
      "CI still failing after 2 automatic fixes",
    );
    expect(await page.locator('li[data-session="o-merge"] .reason').innerText()).toContain("ready to merge");
    expect(await page.locator('li[data-session="y-idle"] .reason').innerText()).toContain("without a PR");
    await screenshot(page, "attention");
    await page.close();
  });

  it("kills a session with its button: a kill job for the runner appears", async () => {
    const page = await newPage();
    await signIn(page, "/dashboard/sessions/g-pr");
    page.once("dialog", (dialog) => void dialog.accept());
    const kill = page.getByRole("button", { name: "Kill session" });
    expect(await kill.evaluate((el) => el.tagName)).toBe("BUTTON");
    await kill.click();
    await page.waitForURL(`${server.url}/dashboard/sessions/g-pr?done=kill`);
    await page.getByRole("status").filter({ hasText: "Kill requested" }).waitFor();
    const job = await waitForJob("g-pr", "kill");
    expect(job).toMatchObject({
      queue: "runner:laptop",
      state: "queued",
      payload: { kind: "kill", sessionId: "g-pr" },
    });
    expect((await store.getSession("g-pr"))?.state).toBe("killed");
    expect(await page.locator('[data-live="timeline"]').innerText()).toContain("@maria killed the session");
    await screenshot(page, "session-killed");
    await page.close();
  });

  it("sends a message to the agent from the form", async () => {
    const page = await newPage();
    await signIn(page, "/dashboard/sessions/r-input");
    await page.getByLabel("Message to the agent").fill("Yes, include archived rows in a second sheet.");
    await page.getByRole("button", { name: "Send message" }).click();
    await page.waitForURL(`${server.url}/dashboard/sessions/r-input?done=send`);
    const job = await waitForJob("r-input", "send");
    expect(job.payload).toEqual({
      kind: "send",
      sessionId: "r-input",
      message: "Yes, include archived rows in a second sheet.",
    });
    await page.close();
  });

  it("shows costs by issue with badge colours, totals and a daily chart", async () => {
    const page = await newPage();
    await signIn(page, "/dashboard/costs");
    await page.getByRole("heading", { level: 1, name: "Costs" }).waitFor();
    for (const [issue, colour] of Object.entries(expectedBadges)) {
      expect({
        issue,
        colour: await page
          .locator(`tr[data-issue="${issue}"] [data-cost-badge]`)
          .getAttribute("data-cost-badge"),
      }).toEqual({
        issue,
        colour,
      });
    }
    expect(await page.locator('tr[data-issue="acme/web#105"] td').nth(1).innerText()).toBe(
      "claude-haiku-4-5, claude-sonnet-4-5",
    );
    // Today: 3.20 + 12 + 64.20; the merge two days ago counts for the week.
    expect(await page.locator('[data-live="totals"] li').first().innerText()).toContain("$79.40");
    expect(await page.locator('[data-live="totals"] li').nth(1).innerText()).toContain("$106.90");
    expect(await page.locator("#cost-chart-caption + svg rect.bar").count()).toBe(2);
    await screenshot(page, "costs");
    await page.close();
  });

  it("shows metrics per agent and runtime", async () => {
    const page = await newPage();
    await signIn(page, "/dashboard/metrics");
    const codex = page.locator('tr[data-agent="codex"][data-runtime="process"] td');
    expect(await codex.nth(1).innerText()).toBe("1"); // tasks
    const claude = page.locator('tr[data-agent="claude-code"][data-runtime="tmux"] td');
    expect(Number(await claude.nth(1).innerText())).toBeGreaterThanOrEqual(11);
    await screenshot(page, "metrics");
    await page.close();
  });

  it("refreshes live: a session that starts asking appears in red without a reload", async () => {
    const page = await newPage();
    await signIn(page);
    // A flag on the window survives only if the page is never reloaded.
    await page.evaluate("window.notReloaded = true");
    const seeding = createTestApp({ name: "live", store, now: Date.now() });
    const now = Date.now();
    await playSession(seeding, {
      id: "r-live",
      repo: "acme/web",
      number: 120,
      title: "Translate the onboarding",
      start: now - 2 * minute,
      steps: [
        ...spawned(now - 2 * minute + 1000),
        [now - 1000, { type: "agent.needs_input", message: "Which locales first?" }],
      ],
    });
    await page.locator('section[data-zone="red"] li[data-session="r-live"]').waitFor({ timeout: 30_000 });
    // The count in the heading is refreshed with the list (r-input left red when it got its answer).
    const listed = await page.locator('section[data-zone="red"] li[data-session]').count();
    expect(await page.locator('[data-live="count-red"]').innerText()).toBe(String(listed));
    expect(await page.evaluate("window.notReloaded")).toBe(true);
    expect(await page.locator("#live-status").innerText()).toContain("Live: checked for changes");
    await page.close();
  });

  it("reads well on a phone: no sideways scrolling, everything reachable", async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page);
    for (const path of ["/dashboard", "/dashboard/sessions/y-ci", "/dashboard/costs", "/dashboard/metrics"]) {
      await page.goto(`${server.url}${path}`);
      const overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
      expect(await page.getByRole("navigation", { name: "Dashboard" }).isVisible()).toBe(true);
    }
    await page.goto(`${server.url}/dashboard`);
    await screenshot(page, "attention-phone");
    await page.goto(`${server.url}/dashboard/sessions/y-ci`);
    await screenshot(page, "session-phone");
    await page.close();
  });

  it("has landmarks, labels, real buttons, visible focus and readable contrast", async () => {
    const page = await newPage();
    await signIn(page, "/dashboard/sessions/o-merge");
    for (const [role, name] of [
      ["banner", undefined],
      ["navigation", "Dashboard"],
      ["main", undefined],
      ["contentinfo", undefined],
    ] as const) {
      expect(await page.getByRole(role, name ? { name } : {}).count()).toBe(1);
    }
    expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Merge PR #12" }).evaluate((el) => el.tagName)).toBe(
      "BUTTON",
    );
    const unlabelled = await page.evaluate(
      `[...document.querySelectorAll("input:not([type=hidden]), textarea, select")]
        .filter((field) => !field.labels.length).map((field) => field.outerHTML)`,
    );
    expect(unlabelled).toEqual([]);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(`(() => {
      const style = getComputedStyle(document.activeElement);
      return { text: document.activeElement.textContent, outline: style.outlineStyle, width: style.outlineWidth };
    })()`);
    expect(focused).toEqual({ text: "Skip to content", outline: "solid", width: "3px" });
    for (const path of ["/dashboard/sessions/o-merge", "/dashboard", "/dashboard/costs"]) {
      await page.goto(`${server.url}${path}`);
      await page.evaluate(`document.querySelectorAll("details").forEach((d) => { d.open = true; })`);
      expect({ path, low: await lowContrast(page, ".chip, button, a, .muted, p, td, th, label") }).toEqual({
        path,
        low: [],
      });
    }
    await page.close();
  });

  it("saved its screenshots", () => {
    for (const name of [
      "login-refused",
      "session-deep-link",
      "attention",
      "costs",
      "metrics",
      "attention-phone",
    ]) {
      expect(existsSync(`test-output/dashboard/${name}.png`)).toBe(true);
    }
  });
});
