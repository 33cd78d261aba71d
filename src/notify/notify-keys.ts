// The store keys the notifier uses, in one place so their meaning and lifetime are written once.
import type { Notification } from "../core/effects.js";
import { fingerprint } from "./fingerprint.js";

/** Claims and receipts outlive every retry the outbox makes (its backoff gives up after about two hours). */
export const receiptTtlMs = 86_400_000;

/** markDelivery key: set by the first attempt at a delivery, so a retry is told apart from a repeat. */
export const claimKey = (deliveryId: string) => `notify:claim:${deliveryId}`;

/** markDelivery key with the repo's dedupe window as TTL: the same event for the same session. */
export const dedupeKey = (sessionId: string, notification: Notification) =>
  `notify:dedupe:${sessionId}:${notification.kind}:${fingerprint(notification)}`;

/** List of channel names a delivery is done with (sent or skipped), so a retry never sends to them again. */
export const receiptsKey = (deliveryId: string) => `notify:done:${deliveryId}`;

/** List of DigestItem JSON for one repo and one digest window. */
export const digestListKey = (repo: string, window: number) => `notify:digest:${repo}:${window}`;
