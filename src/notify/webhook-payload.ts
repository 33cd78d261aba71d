// The JSON body the generic webhook receives: the notification, the session it is about, and for a digest
// the notifications it batches. Documented field by field in docs/notifications.md.
import type { Delivery } from "./channel.js";
import type { DigestItem } from "./digest-item.js";

export interface WebhookPayload {
  event: "notification" | "digest";
  deliveryId: string;
  sentAt: string;
  notification: { priority: string; kind: string; title: string; body: string; actions: string[] };
  session: {
    id: string;
    repo: string;
    state: string;
    issue: { tracker: string; key: string; number: number | null; title: string; url: string };
    pr: { number: number; url: string; status: string } | null;
    costUsd: number;
    dashboardUrl: string | null;
  };
  digest?: DigestItem[];
}

export function webhookPayload(delivery: Omit<Delivery, "signal">, now: number): WebhookPayload {
  const { session, notification, links } = delivery;
  return {
    event: delivery.digest ? "digest" : "notification",
    deliveryId: delivery.id,
    sentAt: new Date(now).toISOString(),
    notification: {
      priority: notification.priority,
      kind: notification.kind,
      title: notification.title,
      body: notification.body,
      actions: [...notification.actions],
    },
    session: {
      id: session.id,
      repo: session.repo,
      state: session.state,
      issue: {
        tracker: session.issue.tracker,
        key: session.issue.key,
        number: session.issue.number ?? null,
        title: session.issue.title,
        url: session.issue.url,
      },
      pr: session.pr ? { number: session.pr.number, url: session.pr.url, status: session.pr.status } : null,
      costUsd: session.cost.usd,
      dashboardUrl: links.dashboard ?? null,
    },
    ...(delivery.digest ? { digest: delivery.digest } : {}),
  };
}
