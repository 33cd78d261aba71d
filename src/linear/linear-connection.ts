// Linear wired into one app: its settings, the API client, the state cache and the tracker port. Made once when
// the app starts (the integration) and found again by the webhook route.
import type { AppContext } from "../server/app-context.js";
import type { TrackerEffects } from "../sessions/ports.js";
import { createLinearApi, type LinearApi } from "./linear-api.js";
import { type LinearSettings, parseLinearEnv } from "./linear-env.js";
import { createLinearTracker } from "./linear-tracker.js";
import { defaultRateLimitOptions, type RateLimitOptions } from "./with-rate-limit.js";
import { createStateResolver } from "./workflow-states.js";

export interface LinearConnection {
  settings: LinearSettings;
  api: LinearApi;
  tracker: TrackerEffects;
}

export interface LinearConnectOptions {
  /** Linear's GraphQL endpoint, when not the public one. */
  apiUrl?: string;
  /** Overrides for the rate-limit wrapper (tests inject `sleep` to see the delays). */
  rateLimit?: Partial<RateLimitOptions>;
}

const byApp = new WeakMap<AppContext, LinearConnection>();

/** Connects Linear to `app` and fills `app.ports.linear`. */
export function connectLinear(
  app: AppContext,
  settings: LinearSettings,
  options: LinearConnectOptions = {},
): LinearConnection {
  const rateLimit: RateLimitOptions = {
    ...defaultRateLimitOptions,
    now: () => app.now(),
    onWait: ({ what, attempt, waitMs }) =>
      app.log.warn({ what, attempt, waitMs }, "Linear rate limit: waiting before trying again"),
    ...options.rateLimit,
  };
  const api = createLinearApi({
    apiKey: settings.apiKey,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    rateLimit,
  });
  const states = createStateResolver(api, { now: () => app.now() });
  const tracker = createLinearTracker(app, { api, states, settings, sleep: rateLimit.sleep });
  const connection: LinearConnection = { settings, api, tracker };
  byApp.set(app, connection);
  app.ports.linear = tracker;
  return connection;
}

/** The app's Linear connection; an app built without the integrations reads process.env on first use. */
export function linearFor(app: AppContext): LinearConnection | undefined {
  const connected = byApp.get(app);
  if (connected) return connected;
  const settings = parseLinearEnv(process.env);
  return settings ? connectLinear(app, settings) : undefined;
}
