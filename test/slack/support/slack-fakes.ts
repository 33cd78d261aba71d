// Slack at the HTTP boundary: the Web API (slack.com/api/*) and response URLs faked with nock while the real
// @slack/web-api client and Bolt run; and requests signed the way Slack signs them, computed here with
// node:crypto from Slack's documented scheme (not with Drover's code).
import { createHmac } from "node:crypto";
import nock from "nock";

export interface SlackCall {
  method: string;
  /** The form fields; `blocks` and `view` are parsed from their JSON. */
  body: Record<string, unknown>;
}

function formFields(body: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> =
    typeof body === "string" ? Object.fromEntries(new URLSearchParams(body)) : { ...(body as object) };
  for (const key of ["blocks", "view"])
    if (typeof fields[key] === "string") fields[key] = JSON.parse(fields[key] as string);
  return fields;
}

/** Answers `times` calls of a Web API method with `reply` (ok: true by default), recording each body. */
export function slackMethod(
  method: string,
  calls: SlackCall[],
  reply: Record<string, unknown> = {},
  times = 1,
): nock.Scope {
  return nock("https://slack.com")
    .post(`/api/${method}`)
    .times(times)
    .reply(200, (_uri, body) => {
      calls.push({ method, body: formFields(body) });
      return { ok: true, ...reply };
    });
}

/** A response_url that records the JSON posted to it. */
export function responseUrl(path: string, replies: unknown[], times = 1): { url: string; scope: nock.Scope } {
  const scope = nock("https://hooks.slack.com")
    .post(path)
    .times(times)
    .reply(200, (_uri, body) => {
      replies.push(typeof body === "string" ? JSON.parse(body) : body);
      return "ok";
    });
  return { url: `https://hooks.slack.com${path}`, scope };
}

export function slackSignature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestampSec}:${body}`).digest("hex")}`;
}

export interface SignedPost {
  secret: string;
  timestampSec: number;
  /** Overrides the computed signature (a forged request). */
  signature?: string;
}

/** POSTs form fields to the app as Slack does, signed with `secret` at `timestampSec`. */
export async function postAsSlack(
  baseUrl: string,
  path: string,
  fields: Record<string, string>,
  signing: SignedPost,
): Promise<{ status: number; text: string }> {
  const body = new URLSearchParams(fields).toString();
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(signing.timestampSec),
      "x-slack-signature": signing.signature ?? slackSignature(signing.secret, signing.timestampSec, body),
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** A block_actions payload for a press on one of Drover's buttons on the message at `ts`. */
export function buttonPress(options: {
  actionId: string;
  sessionId: string;
  userId: string;
  channel: string;
  ts: string;
  blocks: unknown[];
  responseUrl: string;
  actionTs?: string;
}): Record<string, string> {
  return {
    payload: JSON.stringify({
      type: "block_actions",
      team: { id: "T0ACME", domain: "acme" },
      user: { id: options.userId, username: options.userId.toLowerCase(), team_id: "T0ACME" },
      api_app_id: "A0DROVER",
      token: "legacy-verification-token",
      container: {
        type: "message",
        message_ts: options.ts,
        channel_id: options.channel,
        is_ephemeral: false,
      },
      trigger_id: "123.456.abc",
      channel: { id: options.channel, name: "drover" },
      message: { type: "message", ts: options.ts, text: "notification", blocks: options.blocks },
      response_url: options.responseUrl,
      actions: [
        {
          type: "button",
          action_id: options.actionId,
          block_id: "drover_actions",
          value: options.sessionId,
          text: { type: "plain_text", text: "button" },
          action_ts: options.actionTs ?? "1795338000.123456",
        },
      ],
    }),
  };
}
