// The Slack route's edges: not configured, not a Slack form, a payload Slack would never send, Slack's
// certificate check.
import type { Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startServer } from "../../src/server/serve.js";
import {
  createNotifyTestApp,
  type NotifyTestApp,
  slackEnv,
  slackSecret,
} from "../notify/support/notify-app.js";
import { freePort } from "../support/free-port.js";
import { postAsSlack, slackSignature } from "./support/slack-fakes.js";

let t: NotifyTestApp;
let server: Server;

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

async function serve(env: Record<string, string>): Promise<string> {
  t = createNotifyTestApp({ name: "slack-route", env });
  const port = await freePort();
  server = await startServer(t.app, port, "127.0.0.1");
  return `http://127.0.0.1:${port}`;
}

describe("Slack route", () => {
  it("says Slack is not configured when it is not", async () => {
    const base = await serve({});
    const res = await fetch(`${base}/api/slack/actions`, { method: "POST", body: "payload=%7B%7D" });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /Slack is not configured here: set SLACK_BOT_TOKEN/,
    );
  });

  it("refuses a signed body that is not Slack's form, or has no interaction in it", async () => {
    const base = await serve(slackEnv);
    const now = Math.floor(Date.UTC(2026, 10, 22, 9) / 1000);
    const json = JSON.stringify({ type: "block_actions" });
    const asJson = await fetch(`${base}/api/slack/actions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(now),
        "x-slack-signature": slackSignature(slackSecret, now, json),
      },
      body: json,
    });
    expect(asJson.status).toBe(415);
    const signing = { secret: slackSecret, timestampSec: now };
    const broken = await postAsSlack(base, "/api/slack/actions", { payload: "{not json" }, signing);
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.text).error).toBe("The payload field is not valid JSON.");
    const nothing = await postAsSlack(base, "/api/slack/commands", { text: "status" }, signing);
    expect(nothing.status).toBe(400);
    expect(JSON.parse(nothing.text).error).toMatch(/Neither an interaction payload nor a slash command/);
  });

  it("answers Slack's certificate check", async () => {
    const base = await serve(slackEnv);
    const res = await fetch(`${base}/api/slack/commands`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "ssl_check=1&token=legacy",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});
