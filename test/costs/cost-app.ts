// The app served in this process over loopback HTTP for the cost tests: a real Redis store (own key prefix),
// the real route table, a repo config with budgets, a recording notifier, the dashboard's token sign-in, and
// runners registered through the protocol with real tokens.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseRepoConfigText } from "../../src/config/repo-config.js";
import type { NewSession } from "../../src/core/session.js";
import { parseDashboardEnv } from "../../src/dashboard/dashboard-env.js";
import { configureDashboard } from "../../src/dashboard/dashboard-settings.js";
import { protocolVersion } from "../../src/protocol/version.js";
import { startServer } from "../../src/server/serve.js";
import { createSession } from "../../src/sessions/create-session.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

export const registrationToken = "cost-registration-token-0123456789";
export const dashboardToken = "cost-dashboard-token-0123456789";
/** The repos every test runner declares. */
const repos = ["acme/web", "acme/api", "globex/site"];

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export interface CostRunner {
  runnerId: string;
  token: string;
  /** Sends events as one batch on this runner's stream, numbering them after the ones sent before. */
  send(events: Record<string, unknown>[]): Promise<Reply>;
  /** What a poll of this runner hands out now. */
  poll(): Promise<{ id: string; job: { kind: string; sessionId?: string } }[]>;
}

export interface CostApp {
  t: TestApp;
  url: string;
  call(
    method: string,
    path: string,
    options?: { token?: string; cookie?: string; body?: unknown },
  ): Promise<Reply>;
  register(name: string): Promise<CostRunner>;
  /**
   * A session on `issue` (a GitHub number, or a Linear key) whose agent `runner` started (spawn leased,
   * agent.spawned reported).
   */
  running(runner: CostRunner, id: string, issue: number | string, repo?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startCostApp(
  name: string,
  options: { droverYml?: string; dashboardEnv?: NodeJS.ProcessEnv } = {},
): Promise<CostApp> {
  // The repo config as a repo writes it in .github/drover.yml.
  const t = createTestApp({ name, config: parseRepoConfigText(options.droverYml ?? "") });
  t.app.env.DROVER_REGISTRATION_TOKEN = registrationToken;
  configureDashboard(
    t.app,
    parseDashboardEnv({ DROVER_DASHBOARD_TOKEN: dashboardToken, ...options.dashboardEnv }),
  );
  const server: Server = await startServer(t.app, 0, "127.0.0.1");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call: CostApp["call"] = async (method, path, callOptions = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(callOptions.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(callOptions.token ? { authorization: `Bearer ${callOptions.token}` } : {}),
        ...(callOptions.cookie ? { cookie: callOptions.cookie } : {}),
      },
      ...(callOptions.body !== undefined ? { body: JSON.stringify(callOptions.body) } : {}),
    });
    const text = await res.text();
    // Deferred work (effects of the events just applied) is done before the test looks.
    await t.app.settle();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
  };

  const register = async (runnerName: string): Promise<CostRunner> => {
    const reply = await call("POST", "/api/runner/register", {
      token: registrationToken,
      body: { protocol: protocolVersion, name: runnerName, repos, capacity: 4 },
    });
    if (reply.status !== 201) throw new Error(`register failed: ${JSON.stringify(reply.body)}`);
    const runnerId = reply.body.runnerId as string;
    const token = reply.body.token as string;
    let seq = 0;
    return {
      runnerId,
      token,
      send: (events) =>
        call("POST", "/api/runner/events", {
          token,
          body: {
            protocol: protocolVersion,
            stream: `stream-${runnerName}`,
            events: events.map((event) => ({ seq: ++seq, at: t.clock.now, ...event })),
          },
        }),
      async poll() {
        const res = await call("POST", "/api/runner/poll", {
          token,
          body: {
            protocol: protocolVersion,
            capacity: 4,
            running: 0,
            repos,
            leaseMs: 60_000,
          },
        });
        if (res.status !== 200) throw new Error(`poll failed: ${JSON.stringify(res.body)}`);
        return res.body.jobs as { id: string; job: { kind: string; sessionId?: string } }[];
      },
    };
  };

  return {
    t,
    url,
    call,
    register,
    async running(runner, id, issue, repo = "acme/web") {
      await createSession(t.app, newSession(id, issue, { repo }), { wait: true });
      const spawn = (await runner.poll()).find((job) => job.job.sessionId === id);
      if (!spawn) throw new Error(`the spawn job of ${id} was not handed to ${runner.runnerId}`);
      const reply = await runner.send([
        { type: "agent.spawned", sessionId: id, agentSessionId: `claude-${id}` },
        { type: "job.finished", jobId: spawn.id, ok: true },
      ]);
      if (reply.status !== 200) throw new Error(`spawn report failed: ${JSON.stringify(reply.body)}`);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await t.close();
    },
  };
}

/** A new claude-code session on `issue`: a GitHub number, or a Linear key such as ENG-12. */
export function newSession(
  id: string,
  issue: number | string,
  options: { repo?: string; agent?: string; model?: string } = {},
): NewSession {
  const repo = options.repo ?? "acme/web";
  return {
    id,
    repo,
    issue:
      typeof issue === "number"
        ? {
            tracker: "github",
            key: String(issue),
            number: issue,
            title: `Issue ${issue}`,
            url: `https://github.com/${repo}/issues/${issue}`,
          }
        : {
            tracker: "linear",
            key: issue,
            title: `Issue ${issue}`,
            url: `https://linear.app/acme/issue/${issue}`,
          },
    agent: options.agent ?? "claude-code",
    ...(options.model ? { model: options.model } : {}),
    branch: `drover/${issue}-${id}`,
    runnerAvailable: true,
  };
}

/** One agent.cost event: cumulative usage of `agentSessionId` for `model` on `day`. */
export function costEvent(
  sessionId: string,
  usage: { usd: number; model?: string; day?: string; agentSessionId?: string; tokens?: number },
): Record<string, unknown> {
  const tokens = usage.tokens ?? Math.round(usage.usd * 100_000);
  return {
    type: "agent.cost",
    sessionId,
    agentSessionId: usage.agentSessionId ?? `claude-${sessionId}`,
    model: usage.model ?? "claude-sonnet-4-5",
    day: usage.day ?? "2026-11-22",
    inputTokens: Math.floor(tokens / 10),
    outputTokens: Math.floor(tokens / 10),
    cacheCreationTokens: Math.floor(tokens / 10),
    cacheReadTokens: tokens - 3 * Math.floor(tokens / 10),
    usd: usage.usd,
  };
}
