// Sends the digest a "digest due" marker points at: every info notification held in that window, as one
// message on the channels routed for info, and a line on the log of each session it covers.
import type { Notification } from "../core/effects.js";
import type { Session } from "../core/session.js";
import type { AppContext } from "../server/app-context.js";
import type { LogEntry } from "../store/store.js";
import type { ChannelName, NotificationChannel } from "./channel.js";
import { type DigestItem, digestItemSchema } from "./digest-item.js";
import { NotificationFailedError } from "./notification-failed-error.js";
import { claimKey, receiptTtlMs } from "./notify-keys.js";
import { describeResults, resultData, sendToChannels } from "./send-to-channels.js";
import { sessionLinks } from "./session-links.js";

export interface DigestContext {
  channels: ReadonlyMap<ChannelName, NotificationChannel>;
  timeoutMs: number;
}

async function readItems(app: AppContext, listKey: string): Promise<DigestItem[]> {
  const items = new Map<string, DigestItem>();
  for (const text of await app.store.readList(listKey)) {
    let parsed: ReturnType<typeof digestItemSchema.safeParse>;
    try {
      parsed = digestItemSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = digestItemSchema.safeParse(undefined);
    }
    // A retried notification is stored twice; one line each in the digest.
    if (parsed.success) items.set(parsed.data.deliveryId, parsed.data);
    else app.log.warn({ listKey }, "a digest entry is not valid and was left out");
  }
  return [...items.values()];
}

export function digestNotification(repo: string, items: readonly DigestItem[]): Notification {
  const noun = items.length === 1 ? "update" : "updates";
  return {
    priority: "info",
    kind: "digest",
    title: `${items.length} ${noun} in ${repo}`,
    body: items
      .map((item) => `- ${item.title} (${item.issueTitle}) ${item.prUrl ?? item.issueUrl}`)
      .join("\n"),
    actions: [],
  };
}

export async function sendDigest(
  app: AppContext,
  host: Session,
  deliveryId: string,
  listKey: string,
  context: DigestContext,
): Promise<void> {
  const items = await readItems(app, listKey);
  if (items.length === 0) return;
  const config = await app.repoConfig(host.repo);
  const first = await app.store.markDelivery(claimKey(deliveryId), receiptTtlMs);
  const notification = digestNotification(host.repo, items);
  const results = await sendToChannels(app, {
    delivery: {
      id: deliveryId,
      session: host,
      notification,
      links: sessionLinks(host, app.env.DROVER_PUBLIC_URL),
      digest: items,
    },
    wanted: config.notifications.routing.info,
    channels: context.channels,
    timeoutMs: context.timeoutMs,
    retry: !first,
  });
  const failures = results.flatMap((r) => ("error" in r ? [{ channel: r.channel, error: r.error }] : []));
  // A second marker for the same window (two sessions raced to leave one) finds everything done: no log.
  if (results.some((r) => !("earlier" in r))) {
    const entry: LogEntry = {
      at: app.now(),
      kind: "notification",
      summary: `info digest "${notification.title}": ${describeResults(results, true)}`,
      data: { deliveryId, kind: "digest", channels: resultData(results) },
    };
    for (const sessionId of new Set(items.map((item) => item.sessionId)))
      await app.store.appendLog(sessionId, [entry]);
  }
  if (failures.length > 0) throw new NotificationFailedError(failures);
}
