// POST /api/github/webhooks refuses what GitHub did not send (bad or missing signature, broken JSON) before
// anything is stored or asked of GitHub; the built `drover serve` mounts it when the app is configured.
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { startDroverServe } from "../support/drover-cli.js";
import { uniquePrefix } from "../support/test-app.js";
import { appPrivateKey } from "./support/app-key.js";
import { type Harness, sign, startHarness, webhookSecret } from "./support/github-harness.js";
import { issuesLabeled, ping } from "./support/payloads.js";

const labeled = () => JSON.stringify(issuesLabeled({ number: 42, title: "Fix login", label: "drover" }));
const headers = (body: string, overrides: Record<string, string> = {}) => ({
  "content-type": "application/json",
  "x-github-event": "issues",
  "x-github-delivery": randomUUID(),
  "x-hub-signature-256": sign(body),
  ...overrides,
});

describe("the webhook endpoint in the server", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness("endpoint");
    h.fake.permissions.set("maria", "write");
  });
  afterEach(async () => h.close());

  async function nothingHappened() {
    expect(await h.store.listSessions()).toEqual([]);
    expect(await h.store.listJobs()).toEqual([]);
    expect(h.fake.calls).toEqual([]);
  }

  it("rejects a wrong signature with 400, stores nothing, and a correct redelivery of the same id still acts", async () => {
    const body = labeled();
    const id = randomUUID();
    const res = await h.post(
      body,
      headers(body, { "x-github-delivery": id, "x-hub-signature-256": sign(body, "not-the-secret") }),
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain("signature does not match");
    await nothingHappened();
    const again = await h.post(body, headers(body, { "x-github-delivery": id }));
    expect(again.status).toBe(200);
    expect(await h.store.listSessions()).toHaveLength(1);
  });

  it("rejects a missing signature with 400 and stores nothing", async () => {
    const body = labeled();
    const { "x-hub-signature-256": _omitted, ...unsigned } = headers(body);
    const res = await h.post(body, unsigned);
    expect(res.status).toBe(400);
    expect(res.text).toContain("x-hub-signature-256");
    await nothingHappened();
  });

  it("rejects a signed body that is not JSON with 400 and stores nothing", async () => {
    const body = '{"action":"labeled","issue":';
    const res = await h.post(body, headers(body));
    expect(res.status).toBe(400);
    expect(res.text).toContain("Invalid JSON");
    await nothingHappened();
  });

  it("on Vercel, keeps the function alive (waitUntil) until the work deferred after the answer is done", async () => {
    const held: Promise<unknown>[] = [];
    const requestContext = Symbol.for("@vercel/request-context");
    const global = globalThis as Record<symbol, unknown>;
    global[requestContext] = { get: () => ({ waitUntil: (work: Promise<unknown>) => held.push(work) }) };
    try {
      const body = labeled();
      expect((await h.post(body, headers(body))).status).toBe(200);
      expect(held).toHaveLength(1);
      await held[0];
      expect(h.fake.commentsOn(42).some((c) => c.body.includes("<!-- drover:status -->"))).toBe(true);
    } finally {
      delete global[requestContext];
    }
  });

  it("refuses a body larger than GitHub ever sends without reading it", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(h.url, {
        method: "POST",
        headers: { ...headers("{}"), "content-length": String(30 * 1024 * 1024) },
      });
      req.on("response", (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", reject);
      req.write("{");
    });
    expect(status).toBe(413);
    await nothingHappened();
  });

  it("rejects a body that is not declared as JSON with 415", async () => {
    const body = labeled();
    const res = await h.post(body, headers(body, { "content-type": "text/plain" }));
    expect(res.status).toBe(415);
    await nothingHappened();
  });
});

describe("drover serve (the built CLI)", () => {
  const prefix = uniquePrefix("serve-github");
  const githubEnv = {
    REDIS_URL: inject("redisUrl"),
    DROVER_KEY_PREFIX: prefix,
    APP_ID: "4711",
    PRIVATE_KEY: appPrivateKey(),
    WEBHOOK_SECRET: webhookSecret,
  };
  let server: Awaited<ReturnType<typeof startDroverServe>> | undefined;
  afterAll(async () => server?.stop());

  it("mounts the webhook: a ping is accepted, a bad signature and broken JSON are refused", async () => {
    server = await startDroverServe(githubEnv);
    const url = `${server.url}/api/github/webhooks`;
    const pingBody = JSON.stringify(ping());
    const ok = await fetch(url, {
      method: "POST",
      body: pingBody,
      headers: headers(pingBody, { "x-github-event": "ping" }),
    });
    expect(ok.status).toBe(200);
    const body = labeled();
    const forged = await fetch(url, {
      method: "POST",
      body,
      headers: headers(body, { "x-hub-signature-256": sign(body, "guess") }),
    });
    expect(forged.status).toBe(400);
    const broken = "{not json";
    const garbled = await fetch(url, { method: "POST", body: broken, headers: headers(broken) });
    expect(garbled.status).toBe(400);
  });

  it("answers 503 naming the variables when no GitHub App is configured", async () => {
    const bare = await startDroverServe({
      REDIS_URL: inject("redisUrl"),
      DROVER_KEY_PREFIX: prefix,
      APP_ID: "",
    });
    try {
      const body = labeled();
      const res = await fetch(`${bare.url}/api/github/webhooks`, {
        method: "POST",
        body,
        headers: headers(body),
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toContain(
        "APP_ID, PRIVATE_KEY and WEBHOOK_SECRET",
      );
    } finally {
      await bare.stop();
    }
  });
});
