// The generic webhook's signature. Receivers verify it exactly like this (docs/notifications.md):
//   X-Drover-Timestamp: <unix seconds>
//   X-Drover-Signature: sha256=<lowercase hex of HMAC-SHA256(key = secret, message = timestamp + "." + raw body)>
// The timestamp is inside the signed message, so an old request replayed later can be refused by its age.
import { createHmac, timingSafeEqual } from "node:crypto";

export const signatureHeader = "x-drover-signature";
export const timestampHeader = "x-drover-timestamp";

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** For receivers written in TypeScript (and the tests): true when the signature matches and is fresh. */
export function verifyWebhookSignature(options: {
  secret: string;
  timestamp: string;
  signature: string;
  body: string;
  nowMs: number;
  toleranceMs?: number;
}): boolean {
  const seconds = Number(options.timestamp);
  if (!/^\d+$/.test(options.timestamp) || !Number.isSafeInteger(seconds)) return false;
  if (Math.abs(options.nowMs - seconds * 1000) > (options.toleranceMs ?? 300_000)) return false;
  const expected = Buffer.from(webhookSignature(options.secret, seconds, options.body));
  const given = Buffer.from(options.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
