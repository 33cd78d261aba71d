// The app as `drover serve` runs it, in this process so nock can stand in for GitHub: a real Redis store (own
// key prefix), the real route table on a real HTTP server, the real Probot app with a test key, and signed
// webhook deliveries over HTTP. Notifications are recorded (the notifier is another part of Drover).
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import nock from "nock";
import { inject } from "vitest";
import { parseEnv } from "../../../src/config/env.js";
import type { Notification } from "../../../src/core/effects.js";
import { connectGitHubApp } from "../../../src/github/connect-github-app.js";
import type { GitHubApp } from "../../../src/github/github-app.js";
import { type AppContext, createAppContext } from "../../../src/server/app-context.js";
import { startServer } from "../../../src/server/serve.js";
import { createLogger } from "../../../src/shared/logger.js";
import { createRedisStore } from "../../../src/store/create-redis-store.js";
import type { RunnerRecord, Store } from "../../../src/store/store.js";
import { freePort } from "../../support/free-port.js";
import { uniquePrefix } from "../../support/test-app.js";
import { appPrivateKey } from "./app-key.js";
import { FakeGitHub } from "./fake-github.js";
import { installationId, testRepo } from "./payloads.js";
import { sign, webhookSecret } from "./sign.js";
import { TestOctokit } from "./test-octokit.js";

export { sign, webhookSecret };

export const appId = 4711;

export interface Delivered {
  status: number;
  text: string;
  id: string;
}

export interface Harness {
  app: AppContext;
  store: Store;
  github: GitHubApp;
  fake: FakeGitHub;
  clock: { now: number };
  notifications: { sessionId: string; notification: Notification }[];
  url: string;
  /** Signs and POSTs a delivery, then waits for the work it deferred (effects, follow-up fetches). */
  deliver(event: string, payload: object, options?: { id?: string }): Promise<Delivered>;
  /** POSTs a body as given, with the headers given (for bad signatures and broken JSON). */
  post(body: string, headers: Record<string, string>): Promise<Delivered>;
  addRunner(id?: string, repos?: string[]): Promise<RunnerRecord>;
  close(): Promise<void>;
}

export async function startHarness(
  name: string,
  options: { apiUrl?: string; now?: number } = {},
): Promise<Harness> {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  const fake = new FakeGitHub({
    appId,
    installationId,
    repo: testRepo.fullName,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
  }).start();
  const store = createRedisStore({ url: inject("redisUrl"), prefix: uniquePrefix(name) });
  const clock = { now: options.now ?? Date.UTC(2026, 10, 22, 9) };
  const notifications: Harness["notifications"] = [];
  const app = createAppContext({
    env: parseEnv({}),
    store,
    log: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
    now: () => clock.now,
    ports: {
      notifier: {
        notify: async (session, notification) => {
          notifications.push({ sessionId: session.id, notification });
        },
      },
    },
  });
  const github = connectGitHubApp(
    app,
    {
      appId,
      privateKey: appPrivateKey(),
      webhookSecret,
      baseUrl: options.apiUrl ?? "https://api.github.com",
    },
    { Octokit: TestOctokit },
  );
  const port = await freePort();
  const server: Server = await startServer(app, port, "127.0.0.1");
  const url = `http://127.0.0.1:${port}/api/github/webhooks`;

  const post = async (body: string, headers: Record<string, string>): Promise<Delivered> => {
    const res = await fetch(url, { method: "POST", body, headers });
    const text = await res.text();
    await app.settle();
    return { status: res.status, text, id: headers["x-github-delivery"] ?? "" };
  };

  return {
    app,
    store,
    github,
    fake,
    clock,
    notifications,
    url,
    post,
    deliver: (event, payload, deliveryOptions = {}) => {
      const body = JSON.stringify(payload);
      return post(body, {
        "content-type": "application/json",
        "x-github-event": event,
        "x-github-delivery": deliveryOptions.id ?? randomUUID(),
        "x-hub-signature-256": sign(body),
      });
    },
    addRunner: async (id = "laptop", repos = [testRepo.fullName]) => {
      const runner: RunnerRecord = {
        id,
        name: id,
        secretHash: "0".repeat(64),
        repos,
        capacity: 2,
        createdAt: clock.now,
        lastSeenAt: clock.now,
        revoked: false,
      };
      await store.saveRunner(runner);
      return runner;
    },
    close: async () => {
      await app.settle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}
