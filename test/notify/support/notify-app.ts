// An app context for the notification tests: a real Redis store, a clock the test moves, the real notifier
// (and Slack) connected from a test environment, and a GitHub port that records what it was asked.

import { inject } from "vitest";
import { parseEnv } from "../../../src/config/env.js";
import {
  defaultRepoConfig,
  type RepoConfig,
  type RepoConfigInput,
  repoConfigSchema,
} from "../../../src/config/repo-config.js";
import type { NewSession, Session } from "../../../src/core/session.js";
import { notificationsIntegration } from "../../../src/notify/notifications-integration.js";
import { type AppContext, createAppContext } from "../../../src/server/app-context.js";
import { createSession } from "../../../src/sessions/create-session.js";
import { handleSessionEvent } from "../../../src/sessions/handle-event.js";
import type { GitHubEffects, GitHubPermission } from "../../../src/sessions/ports.js";
import { createLogger } from "../../../src/shared/logger.js";
import { createRedisStore } from "../../../src/store/create-redis-store.js";
import type { Store } from "../../../src/store/store.js";
import { uniquePrefix } from "../../support/test-app.js";

export const publicUrl = "https://drover.example.com";
export const slackSecret = "8f742231b10e8888abcd99aa00bb85a5";
export const slackEnv = {
  SLACK_BOT_TOKEN: "xoxb-1234-5678-test-token",
  SLACK_SIGNING_SECRET: slackSecret,
  SLACK_CHANNEL: "C0DROVER1",
  DROVER_SLACK_USERS: "U0MARIA1=maria, U0OMAR22=omar",
};

export interface GitHubCall {
  call: "comment" | "setLabels" | "merge" | "updateStatus";
  sessionId: string;
  args: unknown[];
}

export interface NotifyTestApp {
  app: AppContext;
  store: Store;
  clock: { now: number };
  github: GitHubCall[];
  /** Permission by "owner/name#login", else by login for every repo; a login not listed has none. */
  permissions: Record<string, GitHubPermission>;
  close(): Promise<void>;
}

export function repoConfig(input: RepoConfigInput = {}): RepoConfig {
  return repoConfigSchema.parse(input);
}

export function createNotifyTestApp(options: {
  name: string;
  env?: Record<string, string>;
  config?: RepoConfig;
  permissions?: Record<string, GitHubPermission>;
  withGitHub?: boolean;
}): NotifyTestApp {
  const store = createRedisStore({ url: inject("redisUrl"), prefix: uniquePrefix(options.name) });
  const clock = { now: Date.UTC(2026, 10, 22, 9, 0, 0) };
  const calls: GitHubCall[] = [];
  const permissions = { ...(options.permissions ?? {}) };
  const record =
    (call: GitHubCall["call"]) =>
    async (session: Session, ...args: unknown[]) => {
      calls.push({ call, sessionId: session.id, args });
    };
  const github: GitHubEffects = {
    comment: record("comment"),
    setLabels: record("setLabels"),
    merge: record("merge"),
    updateStatus: record("updateStatus"),
    permission: async (repo, login) => permissions[`${repo}#${login}`] ?? permissions[login] ?? "none",
  };
  const app = createAppContext({
    env: parseEnv({ DROVER_PUBLIC_URL: publicUrl }),
    store,
    log: createLogger("silent"),
    now: () => clock.now,
    repoConfig: async () => options.config ?? defaultRepoConfig,
    ports: options.withGitHub === false ? {} : { github },
  });
  notificationsIntegration.connect(app, options.env ?? {});
  return {
    app,
    store,
    clock,
    github: calls,
    permissions,
    close: async () => {
      await app.settle();
      await store.close();
    },
  };
}

export function newSession(id: string, extra: Partial<NewSession> = {}): NewSession {
  return {
    id,
    repo: "acme/web",
    issue: {
      tracker: "github",
      key: "42",
      number: 42,
      title: "Fix the login redirect",
      url: "https://github.com/acme/web/issues/42",
      author: "maria",
      assignees: ["omar", "maria", "renovate[bot]"],
    },
    agent: "claude-code",
    branch: `drover/${id}`,
    runnerAvailable: true,
    ...extra,
  };
}

/** A session whose agent runs on runner "laptop", with PR #7 open. */
export async function runningSessionWithPr(t: NotifyTestApp, id: string, extra: Partial<NewSession> = {}) {
  await createSession(t.app, newSession(id, extra), { wait: true });
  let n = 0;
  const send = (body: Record<string, unknown>) =>
    handleSessionEvent(t.app, id, { ...body, id: `${id}-setup-${++n}` } as never, { wait: true });
  await send({ type: "spawn.leased", runnerId: "laptop" });
  await send({ type: "agent.spawned", runnerId: "laptop" });
  await send({
    type: "pr.opened",
    number: 7,
    url: "https://github.com/acme/web/pull/7",
    headSha: "a".repeat(40),
    baseRef: "main",
  });
  return (await t.store.getSession(id))!;
}
