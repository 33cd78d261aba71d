// The info digest: with `notifications.digest` on, info notifications wait in the store for the end of their
// window and go out as one message, sent by the sweep — whichever instance runs it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Notification } from "../../src/core/effects.js";
import { createSession } from "../../src/sessions/create-session.js";
import { sweep } from "../../src/sessions/sweep.js";
import { createEmbeddedStore } from "../../src/store/create-embedded-store.js";
import { type SlackCall, slackMethod } from "../slack/support/slack-fakes.js";
import {
  createNotifyTestApp,
  type NotifyTestApp,
  newSession,
  publicUrl,
  repoConfig,
  runningSessionWithPr,
  slackEnv,
} from "./support/notify-app.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.js";

const hour = 3_600_000;
let t: NotifyTestApp;
let receiver: WebhookReceiver;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith("127.0.0.1"));
});
afterAll(() => {
  nock.enableNetConnect();
});
afterEach(async () => {
  await t?.close();
  await receiver?.close();
  nock.cleanAll();
});

const info = (title: string): Notification => ({
  priority: "info",
  kind: "note",
  title,
  body: "",
  actions: ["open"],
});

describe("info digest", () => {
  it("holds info notifications until their window closes, then the sweep sends one digest", async () => {
    receiver = await startWebhookReceiver();
    t = createNotifyTestApp({
      name: "digest",
      env: {
        ...slackEnv,
        DROVER_NOTIFY_WEBHOOK_URL: receiver.url,
        DROVER_NOTIFY_WEBHOOK_SECRET: "whsec-digest-0123456789",
      },
      config: repoConfig({
        notifications: { digest: { enabled: true, every: "1h" }, routing: { info: ["slack", "webhook"] } },
        // The hour the test moves through would otherwise make the agent "stuck" (and notify about it).
        reactions: { "agent-stuck": { enabled: false } },
      }),
    });
    const first = await runningSessionWithPr(t, "web-42");
    await createSession(t.app, newSession("web-43"), { wait: true });
    const second = (await t.store.getSession("web-43"))!;
    const urgentPosts: SlackCall[] = [];
    slackMethod("chat.postMessage", urgentPosts, { ts: "9.0" });

    const notifier = t.app.ports.notifier!;
    await notifier.notify(first, info("Tests pass on PR #7"));
    t.clock.now += 10 * 60_000;
    await notifier.notify(second, info("Agent picked up #43"));
    await notifier.notify(first, urgentIsNotHeld());
    expect(urgentPosts.map((p) => p.body.text)).toEqual(["Agent stuck: No activity."]);
    const posts: SlackCall[] = [];
    slackMethod("chat.postMessage", posts, { ts: "9.1" });
    const later: SlackCall[] = [];
    slackMethod("chat.postMessage", later, { ts: "9.2" });
    const log42 = (await t.store.readLog("web-42")).filter((e) => e.kind === "notification");
    expect(log42[0]?.summary).toBe(
      'info "Tests pass on PR #7" held for the digest sent at 2026-11-22T10:00:00.000Z',
    );
    const window = Math.floor(Date.UTC(2026, 10, 22, 9) / hour);
    expect((await t.store.getSession("web-42"))?.outbox).toMatchObject([
      {
        id: `notify-digest:acme/web:${window}`,
        notBefore: Date.UTC(2026, 10, 22, 10),
        effect: { type: "notify" },
      },
    ]);
    expect((await t.store.getSession("web-43"))?.outbox).toEqual([]);

    t.clock.now = Date.UTC(2026, 10, 22, 9, 59);
    expect(await sweep(t.app)).toMatchObject({ outboxesDrained: 0 });
    expect(posts).toEqual([]);
    expect(receiver.received).toHaveLength(1);

    t.clock.now = Date.UTC(2026, 10, 22, 10, 0, 30);
    expect(await sweep(t.app)).toMatchObject({ outboxesDrained: 1 });
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.text).toBe("2 updates in acme/web");
    const shown = JSON.stringify(posts[0]?.body.blocks);
    expect(shown).toContain(
      "*Tests pass on PR #7* — <https://github.com/acme/web/issues/42|Fix the login redirect>",
    );
    expect(shown).toContain("<https://github.com/acme/web/pull/7|PR>");
    expect(shown).toContain(`<${publicUrl}/dashboard/sessions/web-43|session>`);
    expect(shown).toContain("*Agent picked up #43*");
    const digest = JSON.parse(receiver.received[1]!.body);
    expect(receiver.received[1]?.headers["x-drover-event"]).toBe("digest");
    expect(
      digest.digest.map((item: { sessionId: string; title: string }) => [item.sessionId, item.title]),
    ).toEqual([
      ["web-42", "Tests pass on PR #7"],
      ["web-43", "Agent picked up #43"],
    ]);
    for (const id of ["web-42", "web-43"]) {
      const log = (await t.store.readLog(id)).filter((e) => e.kind === "notification");
      expect(log.at(-1)?.summary).toBe('info digest "2 updates in acme/web": sent to slack; sent to webhook');
    }
    expect((await t.store.getSession("web-42"))?.outbox).toEqual([]);

    // Sent once: a later sweep finds nothing due.
    t.clock.now += 60_000;
    expect(await sweep(t.app)).toMatchObject({ outboxesDrained: 0 });
    expect(later).toEqual([]);
  });
});

describe("digest storage", () => {
  it("keeps held notifications across a restart of the embedded store (a local `drover serve`)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drover-digest-"));
    try {
      const file = join(dir, "store.json");
      const before = createEmbeddedStore({ file });
      await before.appendToList("notify:digest:acme/web:493149", ['{"deliveryId":"a"}'], hour);
      await before.close();
      const after = createEmbeddedStore({ file });
      expect(await after.readList("notify:digest:acme/web:493149")).toEqual(['{"deliveryId":"a"}']);
      await after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function urgentIsNotHeld(): Notification {
  return { priority: "urgent", kind: "stuck", title: "Agent stuck", body: "No activity.", actions: [] };
}
