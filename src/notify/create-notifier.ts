// The notifier: routes each notification to the channels its repo configures for its priority, drops
// repeats within the dedupe window, holds info notifications for the digest when asked, sends to all
// channels at once with a deadline each, and records what happened on the session's log. When channels
// fail it throws, so the outbox retries the notify effect; the retry sends only to the channels that failed.
import { formatDuration } from "../config/duration.js";
import type { Notification } from "../core/effects.js";
import type { Session } from "../core/session.js";
import type { AppContext } from "../server/app-context.js";
import type { Notifier } from "../sessions/ports.js";
import type { ChannelName, NotificationChannel } from "./channel.js";
import { findDelivery } from "./delivery-id.js";
import { holdForDigest } from "./hold-for-digest.js";
import { NotificationFailedError } from "./notification-failed-error.js";
import { claimKey, dedupeKey, receiptTtlMs } from "./notify-keys.js";
import { digestFlushKind, leaveInOutbox, ownRetryPrefix } from "./outbox-markers.js";
import { sendDigest } from "./send-digest.js";
import { describeResults, resultData, sendToChannels } from "./send-to-channels.js";
import { sessionLinks } from "./session-links.js";

export interface NotifierOptions {
  channels: readonly NotificationChannel[];
  /** How long the router waits for one channel. */
  timeoutMs: number;
  /** When a notification that is not in the outbox (the all-complete summary) is retried. */
  retryDelayMs?: number;
}

export function createNotifier(app: AppContext, options: NotifierOptions): Notifier {
  const channels = new Map<ChannelName, NotificationChannel>(options.channels.map((c) => [c.name, c]));
  const retryDelayMs = options.retryDelayMs ?? 60_000;

  const log = (session: Session, summary: string, data: Record<string, unknown>) =>
    app.store.appendLog(session.id, [{ at: app.now(), kind: "notification", summary, data }]);

  return {
    async notify(session: Session, notification: Notification): Promise<void> {
      const delivery = findDelivery(session, notification);
      if (notification.kind === digestFlushKind) {
        await sendDigest(app, session, delivery.id, notification.body, {
          channels,
          timeoutMs: options.timeoutMs,
        });
        return;
      }
      const { priority, title, kind } = notification;
      const what = `${priority} "${title}"`;
      const config = (await app.repoConfig(session.repo)).notifications;
      const first = await app.store.markDelivery(claimKey(delivery.id), receiptTtlMs);
      // Only a first attempt can be a repeat; a retry is the same delivery finishing its channels.
      if (first && config.dedupeWindow > 0) {
        const fresh = await app.store.markDelivery(dedupeKey(session.id, notification), config.dedupeWindow);
        if (!fresh) {
          await log(
            session,
            `${what} dropped: the same was sent less than ${formatDuration(config.dedupeWindow)} ago`,
            {
              deliveryId: delivery.id,
              kind,
              dropped: "repeat within the dedupe window",
            },
          );
          return;
        }
      }
      const links = sessionLinks(session, app.env.DROVER_PUBLIC_URL);
      if (priority === "info" && config.digest.enabled) {
        const { sendsAt } = await holdForDigest(app, session, notification, {
          deliveryId: delivery.id,
          everyMs: config.digest.every,
          retry: !first,
          links,
        });
        await log(session, `${what} held for the digest sent at ${new Date(sendsAt).toISOString()}`, {
          deliveryId: delivery.id,
          kind,
          digestAt: sendsAt,
        });
        return;
      }
      const results = await sendToChannels(app, {
        delivery: { id: delivery.id, session, notification, links },
        wanted: config.routing[priority],
        channels,
        timeoutMs: options.timeoutMs,
        retry: !first,
      });
      await log(session, `${what}: ${describeResults(results, true)}`, {
        deliveryId: delivery.id,
        priority,
        kind,
        channels: resultData(results),
      });
      const failures = results.flatMap((r) => ("error" in r ? [{ channel: r.channel, error: r.error }] : []));
      if (failures.length === 0) return;
      if (delivery.fromOutbox) throw new NotificationFailedError(failures);
      // Not an outbox entry (the all-complete summary): nothing would retry it, so leave a retry there.
      await leaveInOutbox(
        app,
        session.id,
        `${ownRetryPrefix}${delivery.id}`,
        notification,
        app.now() + retryDelayMs,
      );
    },
  };
}
