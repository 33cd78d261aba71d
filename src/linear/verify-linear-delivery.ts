// Proves a delivery came from Linear and is fresh, with the SDK's webhook helper: the Linear-Signature header is
// the HMAC-SHA256 of the raw body with the webhook's signing secret, and the signed `webhookTimestamp` must be
// within a minute of now, so a captured delivery cannot be replayed later.

import type { IncomingMessage } from "node:http";
import { LINEAR_WEBHOOK_SIGNATURE_HEADER, LinearWebhookClient } from "@linear/sdk/webhooks";
import { HttpError } from "../server/http.js";

const clients = new Map<string, LinearWebhookClient>();

/** The parsed body of a genuine delivery; throws HttpError 401 (forged or stale) or 400 (not JSON). */
export function verifyLinearDelivery(req: IncomingMessage, rawBody: Buffer, secret: string): unknown {
  const header = req.headers[LINEAR_WEBHOOK_SIGNATURE_HEADER];
  const signature = Array.isArray(header) ? header[0] : header;
  if (!signature) {
    throw new HttpError(
      401,
      "The Linear-Signature header is missing: only Linear's webhook deliveries are accepted here.",
    );
  }
  let client = clients.get(secret);
  if (!client) {
    client = new LinearWebhookClient(secret);
    clients.set(secret, client);
  }
  try {
    client.verify(rawBody, signature);
  } catch (error) {
    if (error instanceof SyntaxError) throw new HttpError(400, "The delivery's body is not valid JSON.");
    const message = (error as Error).message;
    if (/timestamp/i.test(message)) {
      throw new HttpError(
        401,
        "The delivery's webhookTimestamp is missing or more than a minute from this server's clock: a replayed " +
          "delivery, or a clock out of sync (check the server's time).",
      );
    }
    throw new HttpError(
      401,
      "The Linear-Signature does not match the body: set LINEAR_WEBHOOK_SECRET to the signing secret shown on " +
        "the webhook's page in Linear.",
    );
  }
  return JSON.parse(rawBody.toString("utf8"));
}
