// Info notifications, when the repo asks for a digest, are kept in a store list per repo and window (fixed
// windows of `digest.every`, e.g. each hour) instead of being sent. The first one in a window leaves a
// "digest due" marker in its session's outbox for the window's end, so the sweep sends the digest then.
import type { Notification } from "../core/effects.js";
import type { Session } from "../core/session.js";
import type { AppContext } from "../server/app-context.js";
import type { DigestItem } from "./digest-item.js";
import { digestListKey, receiptTtlMs } from "./notify-keys.js";
import { digestFlush, leaveInOutbox } from "./outbox-markers.js";
import type { SessionLinks } from "./session-links.js";

export interface HoldOptions {
  deliveryId: string;
  everyMs: number;
  /** A retry may follow an attempt that stored the item but failed to leave the marker: leave it again. */
  retry: boolean;
  links: SessionLinks;
}

export async function holdForDigest(
  app: AppContext,
  session: Session,
  notification: Notification,
  options: HoldOptions,
): Promise<{ sendsAt: number }> {
  const now = app.now();
  const window = Math.floor(now / options.everyMs);
  const sendsAt = (window + 1) * options.everyMs;
  const item: DigestItem = {
    deliveryId: options.deliveryId,
    sessionId: session.id,
    at: now,
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    issueTitle: session.issue.title,
    issueUrl: options.links.issue,
    ...(options.links.pr ? { prUrl: options.links.pr } : {}),
    ...(options.links.dashboard ? { dashboardUrl: options.links.dashboard } : {}),
  };
  const listKey = digestListKey(session.repo, window);
  // The list outlives its window by the retry horizon, so a digest that fails to send can be sent later.
  const length = await app.store.appendToList(
    listKey,
    [JSON.stringify(item)],
    options.everyMs + receiptTtlMs,
  );
  if (length === 1 || options.retry) {
    const markerId = `notify-digest:${session.repo}:${window}`;
    await leaveInOutbox(app, session.id, markerId, digestFlush(session.repo, listKey), sendsAt);
  }
  return { sendsAt };
}
