// The generic webhook: a signed JSON POST whose signature a receiver can check with nothing but the
// documented algorithm (computed here with node:crypto), retries with backoff on 5xx, no retry on a refusal.
import { createHmac, timingSafeEqual } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createNotifier } from "../../src/notify/create-notifier.js";
import { createWebhookChannel } from "../../src/notify/webhook-channel.js";
import { verifyWebhookSignature } from "../../src/notify/webhook-signature.js";
import {
  createNotifyTestApp,
  type NotifyTestApp,
  publicUrl,
  runningSessionWithPr,
} from "./support/notify-app.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.js";

const secret = "whsec-test-0123456789abcdef";
let t: NotifyTestApp;
let receiver: WebhookReceiver;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  t = createNotifyTestApp({
    name: "webhook",
    env: { DROVER_NOTIFY_WEBHOOK_URL: receiver.url, DROVER_NOTIFY_WEBHOOK_SECRET: secret },
  });
});

afterEach(async () => {
  await t.close();
  await receiver.close();
});

/** What a receiver does, per docs/notifications.md, written without Drover's code. */
function receiverAccepts(
  headers: Record<string, string | string[] | undefined>,
  body: string,
  nowMs: number,
) {
  const timestamp = String(headers["x-drover-timestamp"]);
  const signature = String(headers["x-drover-signature"]);
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
  const fresh = Math.abs(nowMs / 1000 - Number(timestamp)) <= 300;
  return (
    fresh &&
    expected.length === signature.length &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  );
}

describe("webhook channel", () => {
  it("posts the notification as JSON with a signature that verifies with the documented algorithm", async () => {
    const session = await runningSessionWithPr(t, "web-42");
    await t.app.ports.notifier!.notify(session, {
      priority: "urgent",
      kind: "needs-input",
      title: "Agent needs input: Fix the login redirect",
      body: "Which OAuth provider — «Google» or GitHub?",
      actions: ["send", "kill", "open"],
    });
    expect(receiver.received).toHaveLength(1);
    const [hit] = receiver.received;
    expect(hit!.headers["content-type"]).toBe("application/json");
    expect(hit!.headers["x-drover-event"]).toBe("notification");
    expect(hit!.headers["x-drover-timestamp"]).toBe(String(Math.floor(t.app.now() / 1000)));
    expect(receiverAccepts(hit!.headers, hit!.body, t.app.now())).toBe(true);
    // One changed byte, or an old timestamp, and the receiver refuses it.
    expect(receiverAccepts(hit!.headers, hit!.body.replace("Google", "Goog1e"), t.app.now())).toBe(false);
    expect(receiverAccepts(hit!.headers, hit!.body, t.app.now() + 6 * 60_000)).toBe(false);
    // Drover's own verifier (for TypeScript receivers) agrees.
    expect(
      verifyWebhookSignature({
        secret,
        timestamp: String(hit!.headers["x-drover-timestamp"]),
        signature: String(hit!.headers["x-drover-signature"]),
        body: hit!.body,
        nowMs: t.app.now(),
      }),
    ).toBe(true);

    const payload = JSON.parse(hit!.body);
    expect(payload).toEqual({
      event: "notification",
      deliveryId: expect.any(String),
      sentAt: new Date(t.app.now()).toISOString(),
      notification: {
        priority: "urgent",
        kind: "needs-input",
        title: "Agent needs input: Fix the login redirect",
        body: "Which OAuth provider — «Google» or GitHub?",
        actions: ["send", "kill", "open"],
      },
      session: {
        id: "web-42",
        repo: "acme/web",
        state: "pr_open",
        issue: {
          tracker: "github",
          key: "42",
          number: 42,
          title: "Fix the login redirect",
          url: "https://github.com/acme/web/issues/42",
        },
        pr: { number: 7, url: "https://github.com/acme/web/pull/7", status: "open" },
        costUsd: 0,
        dashboardUrl: `${publicUrl}/dashboard/sessions/web-42`,
      },
    });
    expect(hit!.headers["x-drover-delivery"]).toBe(payload.deliveryId);
  });

  it("retries 5xx answers with backoff inside one send, with a fresh signature each time", async () => {
    const session = await runningSessionWithPr(t, "web-43");
    t.app.ports.notifier = createNotifier(t.app, {
      channels: [createWebhookChannel({ url: receiver.url, secret, now: t.app.now, backoffMs: 20 })],
      timeoutMs: 10_000,
    });
    receiver.answers.push(503, 502);
    await t.app.ports.notifier.notify(session, {
      priority: "urgent",
      kind: "stuck",
      title: "Agent stuck",
      body: "No activity.",
      actions: [],
    });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers["x-drover-delivery"])).size).toBe(1);
    for (const hit of receiver.received)
      expect(receiverAccepts(hit.headers, hit.body, t.app.now())).toBe(true);
    const log = await t.store.readLog("web-43");
    expect(log.at(-1)).toMatchObject({
      kind: "notification",
      summary:
        'urgent "Agent stuck": slack skipped (slack is not configured); github skipped (github is not configured); ' +
        "sent to webhook; desktop skipped (desktop is not configured)",
      data: { channels: { webhook: "sent: HTTP 204 after 3 tries" } },
    });
  });

  it("does not retry a refusal (4xx) at once, and leaves the retry to the outbox", async () => {
    const session = await runningSessionWithPr(t, "web-44");
    t.app.ports.notifier = createNotifier(t.app, {
      channels: [createWebhookChannel({ url: receiver.url, secret, now: t.app.now, backoffMs: 20 })],
      timeoutMs: 10_000,
    });
    receiver.answers.push(401);
    await t.app.ports.notifier.notify(session, {
      priority: "urgent",
      kind: "stuck",
      title: "Agent stuck",
      body: "No activity.",
      actions: [],
    });
    expect(receiver.received).toHaveLength(1);
    const log = await t.store.readLog("web-44");
    expect(log.at(-1)?.summary).toContain("webhook failed (the webhook answered HTTP 401), will retry");
    // Not an outbox effect: the notifier left its own retry there, for the webhook only.
    const retry = (await t.store.getSession("web-44"))?.outbox?.find((p) => p.id.startsWith("notify-retry:"));
    expect(retry).toMatchObject({
      effect: { type: "notify", kind: "stuck" },
      notBefore: t.app.now() + 60_000,
    });
  });
});
