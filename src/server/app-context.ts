// Everything a request handler needs, created once per process (a warm serverless instance reuses it).
import { randomBytes } from "node:crypto";
import { type Env, parseEnv, storeChoice } from "../config/env.js";
import { defaultRepoConfig, type RepoConfig } from "../config/repo-config.js";
import type { EffectPorts } from "../sessions/ports.js";
import { createLogger, type Logger } from "../shared/logger.js";
import type { Store } from "../store/store.js";
import { storeFromChoice } from "../store/store-from-env.js";
import { connectIntegrations } from "./integrations.js";
import { vercelWaitUntil } from "./vercel-wait-until.js";

export interface AppContext {
  env: Env;
  store: Store;
  log: Logger;
  now(): number;
  /** A short random id with a readable prefix ("job_3f9a…"). */
  newId(prefix: string): string;
  /** The repo's `.github/drover.yml` (defaults when it has none). */
  repoConfig(repo: string): Promise<RepoConfig>;
  /** Where effects go: GitHub, notifiers. Filled by the integrations configured in the environment. */
  ports: EffectPorts;
  /** Work to finish after the response is sent (Vercel: waitUntil; the local server: a tracked promise). */
  defer(work: Promise<unknown>): void;
  /** Resolves once all deferred work has finished (graceful shutdown, tests). */
  settle(): Promise<void>;
}

export interface AppContextOptions {
  env: Env;
  store?: Store;
  log?: Logger;
  now?: () => number;
  repoConfig?: (repo: string) => Promise<RepoConfig>;
  ports?: EffectPorts;
  defer?: (work: Promise<unknown>) => void;
}

export function createAppContext(options: AppContextOptions): AppContext {
  const { env } = options;
  const log = options.log ?? createLogger(env.LOG_LEVEL);
  const choice = storeChoice(env);
  const store = options.store ?? storeFromChoice(choice);
  if (!options.store && choice.kind === "embedded") {
    log.info({ file: choice.file }, "No UPSTASH_REDIS_REST_URL or REDIS_URL set: using the embedded store");
  }
  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const tracked = work
      .catch((error) => log.error({ err: error }, "deferred work failed"))
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    // On Vercel the function must stay alive until deferred work is done; elsewhere this does nothing.
    (options.defer ?? vercelWaitUntil)(tracked);
  };
  return {
    env,
    store,
    log,
    now: options.now ?? Date.now,
    newId: (prefix) => `${prefix}_${randomBytes(8).toString("hex")}`,
    repoConfig: options.repoConfig ?? (async () => defaultRepoConfig),
    ports: options.ports ?? {},
    defer: track,
    settle: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

let shared: AppContext | undefined;

/** The process-wide context for serverless functions, built from process.env on first use. */
export function sharedAppContext(): AppContext {
  shared ??= connectIntegrations(createAppContext({ env: parseEnv() }));
  return shared;
}
