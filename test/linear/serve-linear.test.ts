// `drover serve` as users run it, with Linear configured from the environment: a signed delivery for a labeled
// issue queues a spawn job for the runner that has the repo, and a half-set Linear environment stops the
// server with the missing variable's name. (A runner has the repo, so nothing here calls Linear's API.)
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { protocolVersion } from "../../src/protocol/version.js";
import { createRedisStore } from "../../src/store/create-redis-store.js";
import { runDrover, startDroverServe } from "../support/drover-cli.js";
import { issueDelivery, sign, webhookSecret } from "./linear-server.js";

describe("drover serve with Linear", () => {
  it("starts a session from a signed Linear delivery", async () => {
    const prefix = `serve-linear:${randomBytes(4).toString("hex")}:`;
    const registrationToken = "reg-token-serve-linear-0123456789";
    const server = await startDroverServe({
      REDIS_URL: inject("redisUrl"),
      DROVER_KEY_PREFIX: prefix,
      DROVER_REGISTRATION_TOKEN: registrationToken,
      LINEAR_API_KEY: "lin_api_serve_test",
      LINEAR_WEBHOOK_SECRET: webhookSecret,
      DROVER_LINEAR_TEAMS: "ENG=acme/web",
    });
    const store = createRedisStore({ url: inject("redisUrl"), prefix });
    try {
      const registered = await fetch(`${server.url}/api/runner/register`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${registrationToken}` },
        body: JSON.stringify({ protocol: protocolVersion, name: "laptop", repos: ["acme/web"] }),
      });
      expect(registered.status).toBe(201);

      const raw = JSON.stringify(issueDelivery({ identifier: "ENG-21", title: "Add dark mode" }));
      const res = await fetch(`${server.url}/api/linear/webhooks`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "linear-delivery": "serve-delivery-1",
          "linear-signature": sign(raw, webhookSecret),
        },
        body: raw,
      });
      const body = (await res.json()) as { outcome: string; sessionId: string };
      expect(res.status).toBe(200);
      expect(body.outcome).toBe("started");

      // The spawn job is queued after the reply; poll for it.
      const deadline = Date.now() + 15_000;
      let jobs = await store.listJobs({ sessionId: body.sessionId });
      while (jobs.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        jobs = await store.listJobs({ sessionId: body.sessionId });
      }
      expect(jobs).toMatchObject([
        { queue: "repo:acme/web", payload: { kind: "spawn", branch: "drover/eng-21-add-dark-mode" } },
      ]);
      expect(server.output()).not.toContain("lin_api_serve_test");
    } finally {
      await server.stop();
      await store.close();
    }
  });

  it("refuses to start with Linear half configured, naming the variable", async () => {
    const result = await runDrover(["serve"], {
      env: { DROVER_DATA_DIR: "/tmp/drover-serve-linear-unused", LINEAR_API_KEY: "lin_api_x" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("LINEAR_WEBHOOK_SECRET: is missing");
    expect(result.stderr).toContain("DROVER_LINEAR_TEAMS: is missing");
  });
});
