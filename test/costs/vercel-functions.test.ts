// The cost API as Vercel functions: each file under api/ (the issue route in bracketed folders Vercel fills from
// the path) builds its app from the environment, as on Vercel, and answers from the same Redis.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import byIssue from "../../api/costs/by-issue.js";
import summary from "../../api/costs/summary.js";
import issueCosts from "../../api/issues/[owner]/[repo]/[number]/costs.js";
import { createSession } from "../../src/sessions/create-session.js";
import { createRedisStore } from "../../src/store/create-redis-store.js";
import { freePort } from "../support/free-port.js";
import { createTestApp, uniquePrefix } from "../support/test-app.js";
import { newSession } from "./cost-app.js";

const token = "vercel-cost-token-0123456789abcdef";
const servers: Server[] = [];

/** One function on its own port, as Vercel gives each file its own function. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  const server = createServer((req, res) => void handler(req, res));
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  servers.push(server);
  return (path: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
    fetch(`http://127.0.0.1:${port}${path}`, { headers });
}

beforeAll(async () => {
  const prefix = uniquePrefix("cost-vercel");
  Object.assign(process.env, {
    REDIS_URL: inject("redisUrl"),
    DROVER_KEY_PREFIX: prefix,
    DROVER_DASHBOARD_TOKEN: token,
    LOG_LEVEL: "silent",
  });
  // What earlier runner reports left in the store the functions read.
  const t = createTestApp({
    name: "cost-vercel",
    store: createRedisStore({ url: inject("redisUrl"), prefix }),
  });
  t.clock.now = Date.now();
  await createSession(t.app, newSession("web-9", 9, { agent: "codex", model: "gpt-5" }), { wait: true });
  await t.store.recordCost({
    sessionId: "web-9",
    repo: "acme/web",
    issueKey: "9",
    agentSessionId: "codex-1",
    model: "gpt-5",
    day: new Date().toISOString().slice(0, 10),
    inputTokens: 1000,
    outputTokens: 200,
    cacheCreationTokens: 0,
    cacheReadTokens: 3000,
    usd: 0.75,
  });
  await t.close();
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

describe("the cost functions", () => {
  it("answer their routes from the environment's store, and refuse callers without the token", async () => {
    const issue = await serve(issueCosts);
    const res = await issue("/api/issues/acme/web/9/costs");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      issue: "acme/web#9",
      total: { usd: 0.75, tokens: 4200 },
      sessions: [{ sessionId: "web-9", agent: "codex", model: "gpt-5", models: ["gpt-5"] }],
      byModel: [{ model: "gpt-5", share: 1 }],
    });
    expect((await issue("/api/issues/acme/web/9/costs", {})).status).toBe(401);
    // Vercel may hand the bracketed segments over again in the query: the same values change nothing.
    const withSegments = await issue("/api/issues/acme/web/9/costs?owner=acme&repo=web&number=9");
    expect(await withSegments.json()).toMatchObject({ issue: "acme/web#9", total: { usd: 0.75 } });
    const other = await issue("/api/issues/acme/web/9/costs?number=10");
    expect(other.status).toBe(400);
    expect(await other.json()).toEqual({
      error: 'Invalid query: unknown parameter "number"; this route takes no query parameters',
    });

    // The week, not today: the run may cross midnight between the report and the request.
    const periods = await (await (await serve(summary))("/api/costs/summary")).json();
    expect(periods).toMatchObject({ week: { usd: 0.75, tokens: 4200 } });
    const rows = await (await (await serve(byIssue))("/api/costs/by-issue")).json();
    expect(rows).toMatchObject({ issues: [{ issue: "acme/web#9", usd: 0.75 }], total: { usd: 0.75 } });
  });
});
