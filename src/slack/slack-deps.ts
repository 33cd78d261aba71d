// What Drover's Slack listeners share: the app, the Slack settings and one Web API client.
import type { webApi } from "@slack/bolt";
import type { AppContext } from "../server/app-context.js";
import type { SlackConfig } from "./slack-env.js";

export interface SlackDeps {
  app: AppContext;
  config: SlackConfig;
  client: webApi.WebClient;
}

/** A reply only `user` sees: through the interaction's response_url when there is one, else postEphemeral. */
export async function tellOnly(
  deps: SlackDeps,
  where: { user: string; channel?: string; responseUrl?: string },
  text: string,
): Promise<void> {
  if (where.responseUrl) {
    const response = await fetch(where.responseUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
    });
    await response.body?.cancel();
    if (response.ok) return;
    deps.app.log.warn({ status: response.status }, "Slack refused an ephemeral reply on the response_url");
  }
  if (where.channel) await deps.client.chat.postEphemeral({ channel: where.channel, user: where.user, text });
}
