// Thrown when some channels failed: the outbox keeps the notify effect and retries it, and the receipts make
// that retry send only to the channels that failed.
import type { ChannelName } from "./channel.js";

export class NotificationFailedError extends Error {
  constructor(readonly failures: { channel: ChannelName; error: Error }[]) {
    super(failures.map((f) => `${f.channel}: ${f.error.message}`).join("; "));
    this.name = "NotificationFailedError";
  }
}
