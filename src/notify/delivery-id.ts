// The id of one delivery, the same on every retry. The notifier port is handed the effect, not its pending
// entry; the entry is found in the session's outbox (by identity, as the effect executor passes it on, or by
// content for a copy). A notification from elsewhere (the all-complete summary) is new each time it is
// handed over: it gets a fresh id, which the retry the notifier leaves in the outbox then carries.
import { randomBytes } from "node:crypto";
import type { Notification } from "../core/effects.js";
import type { PendingEffect, Session } from "../core/session.js";
import { ownRetryPrefix } from "./outbox-markers.js";

export interface DeliveryRef {
  id: string;
  /** False when no outbox entry carries this notification: a failure must then schedule its own retry. */
  fromOutbox: boolean;
}

function sameNotification(pending: PendingEffect, notification: Notification): boolean {
  const effect = pending.effect;
  return (
    effect.type === "notify" &&
    effect.priority === notification.priority &&
    effect.kind === notification.kind &&
    effect.title === notification.title &&
    effect.body === notification.body &&
    effect.actions.join() === notification.actions.join()
  );
}

export function findDelivery(session: Session, notification: Notification): DeliveryRef {
  const outbox = session.outbox ?? [];
  const pending =
    outbox.find((p) => p.effect === notification) ?? outbox.find((p) => sameNotification(p, notification));
  if (pending) {
    const id = pending.id.startsWith(ownRetryPrefix) ? pending.id.slice(ownRetryPrefix.length) : pending.id;
    return { id, fromOutbox: true };
  }
  return { id: `${session.id}/${notification.kind}/${randomBytes(6).toString("hex")}`, fromOutbox: false };
}
