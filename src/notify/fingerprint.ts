// A short hash of what a notification says, so "the same event again" can be recognised without its text.
import { createHash } from "node:crypto";
import type { Notification } from "../core/effects.js";

export function fingerprint(notification: Notification): string {
  const { priority, kind, title, body, actions } = notification;
  return createHash("sha256")
    .update(JSON.stringify([priority, kind, title, body, [...actions]]))
    .digest("hex")
    .slice(0, 16);
}
