// Connects the notifier: the desktop and GitHub comment channels always (they use the runner queue and the
// GitHub App's port), Slack when its variables are set (with its buttons and slash command), the generic
// webhook when its URL and secret are set.
import type { Integration } from "../server/integrations.js";
import { parseSlackEnv } from "../slack/slack-env.js";
import { connectSlack } from "../slack/slack-runtime.js";
import type { NotificationChannel } from "./channel.js";
import { createNotifier } from "./create-notifier.js";
import { createDesktopChannel } from "./desktop-channel.js";
import { createGitHubCommentChannel } from "./github-comment-channel.js";
import { parseNotifyEnv } from "./notify-env.js";
import { createWebhookChannel } from "./webhook-channel.js";

export const notificationsIntegration: Integration = {
  name: "notifications",
  connect(app, env) {
    const settings = parseNotifyEnv(env);
    const slackConfig = parseSlackEnv(env);
    const channels: NotificationChannel[] = [createDesktopChannel(app), createGitHubCommentChannel(app)];
    if (slackConfig) {
      channels.push(connectSlack(app, slackConfig, { timeoutMs: settings.timeoutMs }).channel);
      if (slackConfig.users.size === 0)
        app.log.warn(
          "DROVER_SLACK_USERS is empty: nobody can use Drover's Slack buttons until it maps someone",
        );
    }
    if (settings.webhook) channels.push(createWebhookChannel({ ...settings.webhook, now: app.now }));
    app.ports.notifier = createNotifier(app, { channels, timeoutMs: settings.timeoutMs });
    app.log.debug({ channels: channels.map((c) => c.name) }, "notification channels connected");
  },
};
