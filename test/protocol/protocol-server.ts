// The runner API served for real over loopback HTTP, on a test app (real Redis, a clock the test moves).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import type { NewSession } from "../../src/core/session.js";
import { protocolVersion } from "../../src/protocol/version.js";
import { startServer } from "../../src/server/serve.js";
import { createSession } from "../../src/sessions/create-session.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

export const registrationToken = "reg-token-for-tests-0123456789";

export interface ProtocolServer {
  t: TestApp;
  url: string;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; raw?: string },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  register(name: string, repos?: string[]): Promise<{ runnerId: string; token: string }>;
  /** A session whose spawn job waits in the queue of its repo. */
  newSession(id: string, repo?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startProtocolServer(name: string): Promise<ProtocolServer> {
  const t = createTestApp({ name, config: defaultRepoConfig });
  t.app.env.DROVER_REGISTRATION_TOKEN = registrationToken;
  const server: Server = await startServer(t.app, 0, "127.0.0.1");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call: ProtocolServer["call"] = async (method, path, options = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(options.raw !== undefined
        ? { body: options.raw }
        : options.body !== undefined
          ? { body: JSON.stringify(options.body) }
          : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    t,
    url,
    call,
    async register(runnerName, repos = ["acme/web"]) {
      const res = await call("POST", "/api/runner/register", {
        token: registrationToken,
        body: { protocol: protocolVersion, name: runnerName, repos, capacity: 2 },
      });
      if (res.status !== 201) throw new Error(`register failed: ${JSON.stringify(res.body)}`);
      return { runnerId: res.body.runnerId as string, token: res.body.token as string };
    },
    async newSession(id, repo = "acme/web") {
      const input: NewSession = {
        id,
        repo,
        issue: { tracker: "github", key: "42", number: 42, title: "Fix login", url: "https://x.invalid/42" },
        agent: "claude-code",
        branch: `drover/42-${id}`,
        runnerAvailable: true,
      };
      await createSession(t.app, input, { wait: true });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await t.close();
    },
  };
}
