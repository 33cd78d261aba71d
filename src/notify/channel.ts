// What a notification channel is to the router: a name from the repo config and one way to send.
import type { Channel } from "../config/repo-config.js";
import type { Notification } from "../core/effects.js";
import type { Session } from "../core/session.js";
import type { DigestItem } from "./digest-item.js";
import type { SessionLinks } from "./session-links.js";

export type ChannelName = Channel;

export interface Delivery {
  /** The same for every attempt at one notification, so receivers and retries can recognise it. */
  id: string;
  session: Session;
  notification: Notification;
  links: SessionLinks;
  /** Set for a digest: the notifications it batches (they may come from several sessions of the repo). */
  digest?: DigestItem[];
  /** Aborted when the router stops waiting for this channel (its timeout). */
  signal: AbortSignal;
}

/** What a channel did: sent (with a detail for the log, e.g. the Slack message), or skipped and why. */
export type ChannelOutcome = { sent: string } | { skipped: string };

export interface NotificationChannel {
  readonly name: ChannelName;
  /** Throws when sending failed; the router records it and the notification is retried later. */
  send(delivery: Delivery): Promise<ChannelOutcome>;
}
