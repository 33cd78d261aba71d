// Sends one delivery to its channels in parallel, each with its own deadline, skipping the channels an
// earlier attempt already finished; what each channel did is recorded as a receipt before returning.
import type { AppContext } from "../server/app-context.js";
import type { ChannelName, ChannelOutcome, Delivery, NotificationChannel } from "./channel.js";
import { receiptsKey, receiptTtlMs } from "./notify-keys.js";
import { withTimeout } from "./with-timeout.js";

export type ChannelResult =
  | { channel: ChannelName; outcome: ChannelOutcome }
  | { channel: ChannelName; error: Error }
  /** Finished by an earlier attempt: not sent again. */
  | { channel: ChannelName; earlier: true };

export interface SendOptions {
  delivery: Omit<Delivery, "signal">;
  wanted: readonly ChannelName[];
  channels: ReadonlyMap<ChannelName, NotificationChannel>;
  timeoutMs: number;
  /** Whether an earlier attempt may have finished some channels (then their receipts are read first). */
  retry: boolean;
}

export async function sendToChannels(app: AppContext, options: SendOptions): Promise<ChannelResult[]> {
  const { delivery, channels, timeoutMs } = options;
  const done = new Set(options.retry ? await app.store.readList(receiptsKey(delivery.id)) : []);
  const wanted = [...new Set(options.wanted)];
  const results = await Promise.all(
    wanted.map(async (name): Promise<ChannelResult> => {
      if (done.has(name)) return { channel: name, earlier: true };
      const channel = channels.get(name);
      if (!channel) return { channel: name, outcome: { skipped: `${name} is not configured` } };
      try {
        const outcome = await withTimeout(timeoutMs, name, (signal) => channel.send({ ...delivery, signal }));
        return { channel: name, outcome };
      } catch (error) {
        return { channel: name, error: error instanceof Error ? error : new Error(String(error)) };
      }
    }),
  );
  const finished = results.flatMap((r) => ("outcome" in r ? [r.channel] : []));
  if (finished.length > 0) await app.store.appendToList(receiptsKey(delivery.id), finished, receiptTtlMs);
  return results;
}

/** "sent to slack; webhook failed (…), will retry; github skipped (not configured)" for the session log. */
export function describeResults(results: readonly ChannelResult[], willRetry: boolean): string {
  const parts = results.map((r) => {
    if ("earlier" in r) return `${r.channel} already done`;
    if ("error" in r) return `${r.channel} failed (${r.error.message})${willRetry ? ", will retry" : ""}`;
    return "sent" in r.outcome ? `sent to ${r.channel}` : `${r.channel} skipped (${r.outcome.skipped})`;
  });
  return parts.length > 0 ? parts.join("; ") : "no channel is routed for this priority";
}

/** The results as log data: channel → "sent: …" / "skipped: …" / "failed: …" / "already done". */
export function resultData(results: readonly ChannelResult[]): Record<string, string> {
  return Object.fromEntries(
    results.map((r) => [
      r.channel,
      "earlier" in r
        ? "already done"
        : "error" in r
          ? `failed: ${r.error.message}`
          : "sent" in r.outcome
            ? `sent: ${r.outcome.sent}`
            : `skipped: ${r.outcome.skipped}`,
    ]),
  );
}
