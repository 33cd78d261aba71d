// Later work the notifier leaves in a session's outbox: a digest to send when its window closes, and a retry
// of a notification that did not come from the outbox itself (the all-complete summary). The sweep drains
// outboxes, so both run even when no further event arrives; each is a notify effect the notifier recognises.
import type { Notification } from "../core/effects.js";
import type { PendingEffect } from "../core/session.js";
import type { AppContext } from "../server/app-context.js";

/** The kind of the notify effect that means "send the digest whose list key is in the body". */
export const digestFlushKind = "drover:digest-due";
/** Pending ids of retries the notifier scheduled itself: the rest of the id is the delivery id. */
export const ownRetryPrefix = "notify-retry:";

export function digestFlush(repo: string, listKey: string): Notification {
  return {
    priority: "info",
    kind: digestFlushKind,
    title: `Notification digest for ${repo}`,
    body: listKey,
    actions: [],
  };
}

/** Adds `effect` to the session's outbox unless an effect with this id is already there. */
export async function leaveInOutbox(
  app: AppContext,
  sessionId: string,
  id: string,
  effect: Notification,
  notBefore: number,
): Promise<void> {
  await app.store.updateSession(sessionId, (current) => {
    if ((current.outbox ?? []).some((p) => p.id === id)) return undefined;
    const pending: PendingEffect = { id, effect: { type: "notify", ...effect }, attempts: 0, notBefore };
    return { session: { ...current, outbox: [...(current.outbox ?? []), pending] }, result: undefined };
  });
}
