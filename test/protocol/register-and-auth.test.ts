// Registration and who may call the runner API: tokens, revocation, body limits and validation errors.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { protocolVersion } from "../../src/protocol/version.js";
import { type ProtocolServer, registrationToken, startProtocolServer } from "./protocol-server.js";

let s: ProtocolServer;
afterEach(async () => s?.close());

const poll = (token: string, extra: Record<string, unknown> = {}) =>
  s.call("POST", "/api/runner/poll", {
    token,
    body: { protocol: protocolVersion, capacity: 2, running: 0, repos: ["acme/web"], ...extra },
  });

describe("runner registration", () => {
  it("turns the registration token into a runner id and a secret, storing only the secret's hash", async () => {
    s = await startProtocolServer("proto-register");
    const res = await s.call("POST", "/api/runner/register", {
      token: registrationToken,
      body: { protocol: protocolVersion, name: "laptop", repos: ["acme/web", "acme/api"], capacity: 3 },
    });
    expect(res.status).toBe(201);
    const token = res.body.token as string;
    const [runnerId, secret] = token.split(".");
    expect(res.body.runnerId).toBe(runnerId);
    const stored = await s.t.store.getRunner(runnerId!);
    expect(stored).toMatchObject({
      name: "laptop",
      repos: ["acme/api", "acme/web"],
      capacity: 3,
      revoked: false,
    });
    expect(stored?.secretHash).toBe(createHash("sha256").update(secret!).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect((await poll(token)).status).toBe(200);
  });

  it("refuses a missing or wrong registration token, and says when registration is off", async () => {
    s = await startProtocolServer("proto-register-refused");
    const body = { protocol: protocolVersion, name: "laptop" };
    expect((await s.call("POST", "/api/runner/register", { body })).status).toBe(401);
    const wrong = await s.call("POST", "/api/runner/register", { token: "nope", body });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toContain("DROVER_REGISTRATION_TOKEN");
    s.t.app.env.DROVER_REGISTRATION_TOKEN = undefined;
    const off = await s.call("POST", "/api/runner/register", { token: registrationToken, body });
    expect(off.status).toBe(403);
    expect(off.body.error).toContain("set DROVER_REGISTRATION_TOKEN");
  });

  it("answers 400 naming the field that is wrong, and 400 for another protocol version", async () => {
    s = await startProtocolServer("proto-register-invalid");
    const bad = await s.call("POST", "/api/runner/register", {
      token: registrationToken,
      body: { protocol: protocolVersion, name: "laptop", repos: ["acme/web", "not a repo"] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("repos.1");
    expect(bad.body.error).toContain("owner/name");
    const version = await s.call("POST", "/api/runner/register", {
      token: registrationToken,
      body: { protocol: 99, name: "laptop" },
    });
    expect(version.status).toBe(400);
    expect(version.body.error).toContain("protocol: this app speaks runner protocol 1");
    const notJson = await s.call("POST", "/api/runner/register", { token: registrationToken, raw: "{" });
    expect(notJson).toMatchObject({ status: 400, body: { error: "The body is not valid JSON." } });
  });

  it("refuses bodies over the limit with 413", async () => {
    s = await startProtocolServer("proto-413");
    const { token } = await s.register("laptop");
    const huge = await s.call("POST", "/api/runner/events", {
      token,
      raw: JSON.stringify({
        protocol: protocolVersion,
        stream: "stream1",
        events: [],
        pad: "x".repeat(1_100_000),
      }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toContain("Body too large");
    const big = await s.call("POST", "/api/runner/register", {
      token: registrationToken,
      body: { protocol: protocolVersion, name: "x".repeat(20_000) },
    });
    expect(big.status).toBe(413);
  });

  it("refuses unknown, malformed and wrong-secret runner tokens alike", async () => {
    s = await startProtocolServer("proto-tokens");
    const { runnerId, token } = await s.register("laptop");
    for (const bad of [
      "",
      "garbage",
      `${runnerId}.${"A".repeat(43)}`,
      `runner_0000000000000000.${token.split(".")[1]}`,
    ]) {
      const res = await poll(bad);
      expect(res.status).toBe(401);
    }
  });

  it("refuses a revoked runner at once on every call, and lists runners without their hashes", async () => {
    s = await startProtocolServer("proto-revoke");
    const { runnerId, token } = await s.register("laptop");
    const other = await s.register("desktop");
    expect((await poll(token)).status).toBe(200);

    const notAdmin = await s.call("POST", "/api/runner/admin/revoke", {
      token,
      body: { protocol: protocolVersion, runnerId },
    });
    expect(notAdmin.status).toBe(401);
    const revoked = await s.call("POST", "/api/runner/admin/revoke", {
      token: registrationToken,
      body: { protocol: protocolVersion, runnerId },
    });
    expect(revoked).toMatchObject({ status: 200, body: { runner: { id: runnerId, revoked: true } } });

    const calls = [
      poll(token),
      s.call("POST", "/api/runner/heartbeat", { token, body: { protocol: protocolVersion, jobIds: [] } }),
      s.call("POST", "/api/runner/events", {
        token,
        body: {
          protocol: protocolVersion,
          stream: "stream1",
          events: [{ seq: 1, at: 1, type: "job.finished", jobId: "j", ok: true }],
        },
      }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(401);
      expect(res.body.error).toContain("was revoked");
    }
    expect((await poll(other.token)).status).toBe(200);

    const list = await s.call("GET", "/api/runner/admin/runners", { token: registrationToken });
    expect(list.status).toBe(200);
    const runners = list.body.runners as Record<string, unknown>[];
    expect(runners.map((r) => [r.name, r.revoked]).sort()).toEqual([
      ["desktop", false],
      ["laptop", true],
    ]);
    expect(JSON.stringify(runners)).not.toContain("secretHash");
    const missing = await s.call("POST", "/api/runner/admin/revoke", {
      token: registrationToken,
      body: { protocol: protocolVersion, runnerId: "runner_nope" },
    });
    expect(missing.status).toBe(404);
  });
});
