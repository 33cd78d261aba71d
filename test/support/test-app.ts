// An app context for tests: a real store, a clock the test moves, and ports that record what they were asked.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { parseEnv } from "../../src/config/env.js";
import { defaultRepoConfig, type RepoConfig } from "../../src/config/repo-config.js";
import type { Notification } from "../../src/core/effects.js";
import type { Session } from "../../src/core/session.js";
import { type AppContext, createAppContext } from "../../src/server/app-context.js";
import type { EffectPorts } from "../../src/sessions/ports.js";
import { createLogger } from "../../src/shared/logger.js";
import { createRedisStore } from "../../src/store/create-redis-store.js";
import type { Store } from "../../src/store/store.js";

export interface Recorded {
  notifications: { sessionId: string; notification: Notification }[];
  github: { call: string; sessionId: string; args: unknown[] }[];
}

export interface TestApp {
  app: AppContext;
  store: Store;
  clock: { now: number };
  recorded: Recorded;
  /** Makes the next `n` calls of a port fail, to test retries. */
  failNext(port: "github" | "notifier", n: number): void;
  close(): Promise<void>;
}

/** A unique key prefix so each test has its own corner of the shared redis-server. */
export function uniquePrefix(name: string): string {
  return `test:${name}:${randomBytes(4).toString("hex")}:`;
}

export function createTestApp(
  options: { name: string; store?: Store; config?: RepoConfig; now?: number; ports?: EffectPorts } = {
    name: "app",
  },
): TestApp {
  const store =
    options.store ?? createRedisStore({ url: inject("redisUrl"), prefix: uniquePrefix(options.name) });
  const clock = { now: options.now ?? Date.UTC(2026, 10, 22, 9) };
  const recorded: Recorded = { notifications: [], github: [] };
  const failures = { github: 0, notifier: 0 };
  const maybeFail = (port: "github" | "notifier") => {
    if (failures[port] > 0) {
      failures[port] -= 1;
      throw new Error(`${port} is down`);
    }
  };
  const github =
    (call: string) =>
    async (session: Session, ...args: unknown[]) => {
      maybeFail("github");
      recorded.github.push({ call, sessionId: session.id, args });
    };
  const ports: EffectPorts = options.ports ?? {
    github: {
      comment: github("comment"),
      setLabels: github("setLabels"),
      merge: github("merge"),
      updateStatus: github("updateStatus"),
      permission: async () => "write",
    },
    notifier: {
      notify: async (session, notification) => {
        maybeFail("notifier");
        recorded.notifications.push({ sessionId: session.id, notification });
      },
    },
  };
  const app = createAppContext({
    env: parseEnv({}),
    store,
    log: createLogger("silent"),
    now: () => clock.now,
    repoConfig: async () => options.config ?? defaultRepoConfig,
    ports,
  });
  return {
    app,
    store,
    clock,
    recorded,
    failNext: (port, n) => {
      failures[port] = n;
    },
    close: async () => {
      await app.settle();
      await store.close();
    },
  };
}
