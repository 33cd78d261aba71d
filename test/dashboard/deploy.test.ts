// The dashboard where it runs: as the Vercel function (api/dashboard, reached through vercel.json's rewrite
// with the original path, or at its own /api/dashboard path) and under `drover serve`, which refuses to start
// with a bad dashboard variable and names it.

import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import handler from "../../api/dashboard/index.js";
import { runDrover } from "../support/drover-cli.js";
import { freePort } from "../support/free-port.js";
import { uniquePrefix } from "../support/test-app.js";

const token = "vercel-token-0123456789abcdef";
const dataDir = mkdtempSync(join(tmpdir(), "drover-dashboard-deploy-"));
let server: Server;
let url: string;

beforeAll(async () => {
  // The function builds its app from process.env on first use, as on Vercel.
  Object.assign(process.env, {
    REDIS_URL: inject("redisUrl"),
    DROVER_KEY_PREFIX: uniquePrefix("dashboard-vercel"),
    DROVER_DASHBOARD_TOKEN: token,
    LOG_LEVEL: "silent",
  });
  server = createServer((req, res) => void handler(req, res));
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  url = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the Vercel function", () => {
  it("serves the rewritten /dashboard paths and its own /api/dashboard path", async () => {
    const headers = { authorization: `Bearer ${token}` };
    for (const path of ["/dashboard", "/api/dashboard", "/dashboard/costs", "/api/dashboard/metrics"]) {
      const res = await fetch(`${url}${path}`, { headers });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(await res.text()).toContain('<main id="main"');
    }
    const login = await fetch(`${url}/dashboard/sessions/abc`, { redirect: "manual" });
    expect(login.headers.get("location")).toBe("/dashboard/login?next=%2Fdashboard%2Fsessions%2Fabc");
  });
});

describe("drover serve", () => {
  it("refuses to start with a bad dashboard variable, naming it", async () => {
    const result = await runDrover(["serve", "--port", String(await freePort())], {
      env: { DROVER_DATA_DIR: dataDir, REDIS_URL: "", DROVER_DASHBOARD_TOKEN: "short" },
    });
    expect(result.stderr).toContain("DROVER_DASHBOARD_TOKEN: use at least 16 characters");
    expect(result.code).toBe(2);
  });

  it("refuses half of the GitHub sign-in pair", async () => {
    const result = await runDrover(["serve", "--port", String(await freePort())], {
      env: {
        DROVER_DATA_DIR: dataDir,
        REDIS_URL: "",
        GITHUB_CLIENT_ID: "Iv1.only-the-id",
        GITHUB_CLIENT_SECRET: "",
      },
    });
    expect(result.stderr).toContain("GITHUB_CLIENT_SECRET: is missing");
    expect(result.code).toBe(2);
  });
});
