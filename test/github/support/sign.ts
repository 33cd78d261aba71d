// Signs a webhook body the way GitHub does (X-Hub-Signature-256).
import { createHmac } from "node:crypto";

export const webhookSecret = "test-webhook-secret";

export function sign(body: string, secret = webhookSecret): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
