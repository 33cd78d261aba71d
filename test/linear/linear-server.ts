// `drover serve`'s routes on loopback HTTP with Linear connected (real Redis, a clock the test moves, Linear's
// API faked with nock), and signed webhook deliveries built the way Linear builds them.
import { createHmac, randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connectLinear, type LinearConnection } from "../../src/linear/linear-connection.js";
import { parseLinearEnv } from "../../src/linear/linear-env.js";
import { startServer } from "../../src/server/serve.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { fakeLinear, type LinearFake } from "./linear-fake.js";

export const webhookSecret = "lin_wh_test_secret_0123456789abcdef";

export interface LinearServer {
  t: TestApp;
  linear: LinearConnection;
  api: LinearFake;
  /** Waits the rate-limit wrapper was asked to sleep, in ms. */
  sleeps: number[];
  deliver(
    payload: unknown,
    options?: { delivery?: string; secret?: string; signature?: string | null; raw?: string },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startLinearServer(
  name: string,
  env: Record<string, string> = {},
): Promise<LinearServer> {
  const api = fakeLinear();
  const t = createTestApp({ name });
  const settings = parseLinearEnv({
    LINEAR_API_KEY: "lin_api_test_key",
    LINEAR_WEBHOOK_SECRET: webhookSecret,
    DROVER_LINEAR_TEAMS: "ENG=acme/web,OPS=acme/infra",
    DROVER_LINEAR_ASSIGNEE: "drover@acme.test",
    ...env,
  });
  if (!settings) throw new Error("the test environment should configure Linear");
  const sleeps: number[] = [];
  const linear = connectLinear(t.app, settings, {
    rateLimit: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    },
  });
  const server: Server = await startServer(t.app, 0, "127.0.0.1");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/linear/webhooks`;
  return {
    t,
    linear,
    api,
    sleeps,
    async deliver(payload, options = {}) {
      const raw = options.raw ?? JSON.stringify(payload);
      const signature =
        options.signature === undefined ? sign(raw, options.secret ?? webhookSecret) : options.signature;
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "linear-delivery": options.delivery ?? randomUUID(),
          "linear-event": (payload as { type?: string })?.type ?? "Issue",
          ...(signature === null ? {} : { "linear-signature": signature }),
        },
        body: raw,
      });
      // The webhook's work continues after the reply (the spawn job is queued by a deferred drain).
      await t.app.settle();
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await t.close();
      api.stop();
    },
  };
}

export function sign(raw: string, secret: string): string {
  return createHmac("sha256", secret).update(raw).digest("hex");
}

export interface IssueOptions {
  action?: "create" | "update" | "remove";
  identifier?: string;
  teamKey?: string;
  teamId?: string;
  title?: string;
  labels?: string[];
  assignee?: { id: string; email: string; name: string } | null;
  updatedFrom?: Record<string, unknown>;
  /** Milliseconds since the epoch; Linear signs the time it sent the delivery. */
  webhookTimestamp?: number;
}

/** An Issue delivery shaped like Linear's (the fields Drover reads and a few it does not). */
export function issueDelivery(options: IssueOptions = {}) {
  const identifier = options.identifier ?? "ENG-12";
  const teamKey = options.teamKey ?? identifier.split("-")[0]!;
  const teamId = options.teamId ?? `team-${teamKey.toLowerCase()}`;
  const labels = (options.labels ?? ["drover"]).map((name) => ({
    id: `label-${name}`,
    name,
    color: "#5e6ad2",
  }));
  const assignee = options.assignee ?? null;
  return {
    action: options.action ?? "create",
    type: "Issue",
    actor: { id: "user-ada", type: "user", name: "Ada Lovelace" },
    createdAt: "2026-11-22T09:00:00.000Z",
    organizationId: "org-acme",
    url: `https://linear.app/acme/issue/${identifier.toLowerCase()}`,
    webhookId: "webhook-1",
    webhookTimestamp: options.webhookTimestamp ?? Date.now(),
    ...(options.updatedFrom ? { updatedFrom: options.updatedFrom } : {}),
    data: {
      id: `issue-${identifier.toLowerCase()}`,
      identifier,
      number: Number(identifier.split("-")[1]),
      title: options.title ?? "Fix login",
      description: "The login button does nothing on Safari.",
      url: `https://linear.app/acme/issue/${identifier.toLowerCase()}/fix-login`,
      priority: 2,
      priorityLabel: "High",
      createdAt: "2026-11-22T08:59:00.000Z",
      updatedAt: "2026-11-22T09:00:00.000Z",
      teamId,
      team: { id: teamId, key: teamKey, name: teamKey },
      stateId: "state-todo",
      state: { id: "state-todo", name: "Todo", color: "#e2e2e2", type: "unstarted" },
      labelIds: labels.map((l) => l.id),
      labels,
      assigneeId: assignee?.id ?? null,
      ...(assignee ? { assignee: { ...assignee, url: "https://linear.app/acme/profiles/bot" } } : {}),
      creator: {
        id: "user-ada",
        name: "Ada Lovelace",
        email: "ada@acme.test",
        url: "https://linear.app/acme/profiles/ada",
      },
      subscriberIds: [],
      previousIdentifiers: [],
    },
  };
}
