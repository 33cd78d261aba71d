// The Slack integration of one app context: its Bolt app, Web API client and notification channel. The
// routes find it here, since the route table is shared and the context is what each request carries.
import { type App, webApi } from "@slack/bolt";
import type { NotificationChannel } from "../notify/channel.js";
import type { AppContext } from "../server/app-context.js";
import { createBoltApp } from "./create-bolt-app.js";
import { createSlackChannel } from "./slack-channel.js";
import type { SlackDeps } from "./slack-deps.js";
import type { SlackConfig } from "./slack-env.js";
import { slackLogger } from "./slack-logger.js";

export interface SlackRuntime {
  deps: SlackDeps;
  bolt: App;
  channel: NotificationChannel;
}

const runtimes = new WeakMap<AppContext, SlackRuntime>();

export function connectSlack(
  app: AppContext,
  config: SlackConfig,
  options: { timeoutMs: number },
): SlackRuntime {
  const client = new webApi.WebClient(config.botToken, {
    logger: slackLogger(app.log),
    // The notifier and the outbox retry; a client retrying for half an hour on its own would hold them up.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs,
  });
  const deps: SlackDeps = { app, config, client };
  const runtime: SlackRuntime = {
    deps,
    bolt: createBoltApp(deps),
    channel: createSlackChannel(client, config.channel),
  };
  runtimes.set(app, runtime);
  return runtime;
}

export function slackRuntimeOf(app: AppContext): SlackRuntime | undefined {
  return runtimes.get(app);
}
