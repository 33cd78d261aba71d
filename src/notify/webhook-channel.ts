// The generic webhook channel: POSTs the notification as signed JSON, retrying network errors, 408, 429 and
// 5xx answers with backoff inside the channel's deadline. A 4xx other than those means the receiver refuses
// it; that fails at once (the outbox still retries later, in case the receiver is being fixed).
import { version } from "../shared/version.js";
import type { ChannelOutcome, Delivery, NotificationChannel } from "./channel.js";
import { webhookPayload } from "./webhook-payload.js";
import { signatureHeader, timestampHeader, webhookSignature } from "./webhook-signature.js";

export interface WebhookChannelOptions {
  url: string;
  secret: string;
  now: () => number;
  /** Tries per send, the first included. */
  attempts?: number;
  /** Wait before the second try; doubles for each further one. */
  backoffMs?: number;
}

class WebhookRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly retryable: boolean,
  ) {
    super(`the webhook answered HTTP ${status}`);
    this.name = "WebhookRefusedError";
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** fetch says only "fetch failed"; the reason (refused, DNS, TLS) is in its cause. */
function describeFailure(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause ? new Error(`${error.message}: ${cause}`) : error;
}

export function createWebhookChannel(options: WebhookChannelOptions): NotificationChannel {
  const attempts = Math.max(1, options.attempts ?? 3);
  const backoffMs = options.backoffMs ?? 500;

  const post = async (delivery: Delivery): Promise<number> => {
    const body = JSON.stringify(webhookPayload(delivery, options.now()));
    // Signed at each try, so a retry carries a fresh timestamp and passes the receiver's age check.
    const timestamp = Math.floor(options.now() / 1000);
    const response = await fetch(options.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": `Drover/${version}`,
        "x-drover-event": delivery.digest ? "digest" : "notification",
        "x-drover-delivery": delivery.id,
        [timestampHeader]: String(timestamp),
        [signatureHeader]: webhookSignature(options.secret, timestamp, body),
      },
      body,
      redirect: "error",
      signal: delivery.signal,
    });
    await response.body?.cancel();
    if (response.ok) return response.status;
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    throw new WebhookRefusedError(response.status, retryable);
  };

  return {
    name: "webhook",
    async send(delivery: Delivery): Promise<ChannelOutcome> {
      let lastError: Error = new Error("the webhook was not tried");
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const status = await post(delivery);
          return { sent: `HTTP ${status} after ${attempt} ${attempt === 1 ? "try" : "tries"}` };
        } catch (error) {
          if (delivery.signal.aborted) throw delivery.signal.reason;
          lastError = describeFailure(error);
          if (error instanceof WebhookRefusedError && !error.retryable) throw lastError;
          if (attempt < attempts) await pause(backoffMs * 2 ** (attempt - 1), delivery.signal);
        }
      }
      throw new Error(`${lastError.message} (${attempts} tries)`);
    },
  };
}
