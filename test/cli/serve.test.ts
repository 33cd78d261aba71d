// `drover serve` as users run it: health on the embedded store and on Redis, and a clear refusal of bad env.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runDrover, startDroverServe } from "../support/drover-cli.js";

const dataDir = mkdtempSync(join(tmpdir(), "drover-serve-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("drover serve", () => {
  it("answers /api/health on the embedded store and says so in its log", async () => {
    const server = await startDroverServe({
      DROVER_DATA_DIR: dataDir,
      REDIS_URL: "",
      UPSTASH_REDIS_REST_URL: "",
    });
    try {
      const res = await fetch(`${server.url}/api/health`);
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body).toMatchObject({
        ok: true,
        version: expect.any(String),
        store: { kind: "embedded", reachable: true },
      });
      expect(server.output()).toContain("using the embedded store");
    } finally {
      await server.stop();
    }
  });

  it("answers /api/health on Redis", async () => {
    const server = await startDroverServe({
      REDIS_URL: inject("redisUrl"),
      DROVER_KEY_PREFIX: "serve-test:",
    });
    try {
      const body = await (await fetch(`${server.url}/api/health`)).json();
      expect(body).toMatchObject({ ok: true, store: { kind: "redis", reachable: true } });
    } finally {
      await server.stop();
    }
  });

  it("reports an unreachable Redis as 503 rather than crashing", async () => {
    const server = await startDroverServe({ REDIS_URL: "redis://127.0.0.1:1", DROVER_KEY_PREFIX: "x:" });
    try {
      const res = await fetch(`${server.url}/api/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ok: false, store: { kind: "redis", reachable: false } });
    } finally {
      await server.stop();
    }
  });

  it("refuses to start with half of the Upstash pair, naming the variable", async () => {
    const result = await runDrover(["serve"], {
      env: { UPSTASH_REDIS_REST_URL: "https://x.upstash.io", UPSTASH_REDIS_REST_TOKEN: "" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("UPSTASH_REDIS_REST_TOKEN: is missing");
  });

  it("answers unknown routes with 404 JSON", async () => {
    const server = await startDroverServe({ DROVER_DATA_DIR: dataDir });
    try {
      const res = await fetch(`${server.url}/api/nope`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: "No route for /api/nope." });
    } finally {
      await server.stop();
    }
  });
});
