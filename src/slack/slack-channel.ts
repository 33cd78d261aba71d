// The Slack channel: posts the notification's Block Kit message to the configured channel.
import type { webApi } from "@slack/bolt";
import type { ChannelOutcome, Delivery, NotificationChannel } from "../notify/channel.js";
import { notificationMessage } from "./notification-message.js";

export function createSlackChannel(client: webApi.WebClient, channel: string): NotificationChannel {
  return {
    name: "slack",
    async send(delivery: Delivery): Promise<ChannelOutcome> {
      const message = notificationMessage(delivery);
      const posted = await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      return { sent: `message ${posted.ts ?? "?"} in ${posted.channel ?? channel}` };
    },
  };
}
