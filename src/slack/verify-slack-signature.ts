// Slack signs every request: X-Slack-Signature = v0=HMAC-SHA256(signing secret, "v0:" + timestamp + ":" +
// body). Bolt's own verifySlackRequest checks it, and refuses a timestamp more than 5 minutes old, so a
// captured request cannot be replayed later.
import type { IncomingHttpHeaders } from "node:http";
import { verifySlackRequest } from "@slack/bolt";
import { HttpError } from "../server/http.js";

export function verifySlackSignature(
  signingSecret: string,
  body: string,
  headers: IncomingHttpHeaders,
  nowMs: number,
): void {
  const signature = headers["x-slack-signature"];
  const timestamp = headers["x-slack-request-timestamp"];
  if (typeof signature !== "string" || typeof timestamp !== "string")
    throw new HttpError(
      401,
      "Refused: X-Slack-Signature and X-Slack-Request-Timestamp are missing. Only Slack calls this URL.",
    );
  try {
    verifySlackRequest({
      signingSecret,
      body,
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": Number(timestamp) },
      nowMilliseconds: nowMs,
    });
  } catch (error) {
    throw new HttpError(
      401,
      `Refused: ${(error as Error).message}. If Slack sent this, check SLACK_SIGNING_SECRET and the server clock.`,
    );
  }
}
