// The notifier's routing against real channels: Slack through its real client (nock'd), the webhook to a real
// HTTP server, GitHub comments through a recording port, desktop jobs on the real store queue.
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Notification } from "../../src/core/effects.js";
import type { SessionEventBody } from "../../src/core/events.js";
import { createNotifier } from "../../src/notify/create-notifier.js";
import { createDesktopChannel } from "../../src/notify/desktop-channel.js";
import { createGitHubCommentChannel } from "../../src/notify/github-comment-channel.js";
import { createWebhookChannel } from "../../src/notify/webhook-channel.js";
import { createSession } from "../../src/sessions/create-session.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import { sweep } from "../../src/sessions/sweep.js";
import { slackRuntimeOf } from "../../src/slack/slack-runtime.js";
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

const secret = "whsec-router-0123456789";
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

async function setUp(name: string, options: Partial<Parameters<typeof createNotifyTestApp>[0]> = {}) {
  receiver = await startWebhookReceiver();
  t = createNotifyTestApp({
    name,
    env: { ...slackEnv, DROVER_NOTIFY_WEBHOOK_URL: receiver.url, DROVER_NOTIFY_WEBHOOK_SECRET: secret },
    ...options,
  });
}

/** The notifier with the same channels but a short webhook backoff and the given deadline. */
function quickNotifier(timeoutMs = 10_000) {
  t.app.ports.notifier = createNotifier(t.app, {
    channels: [
      slackRuntimeOf(t.app)!.channel,
      createWebhookChannel({ url: receiver.url, secret, now: t.app.now, attempts: 2, backoffMs: 10 }),
      createGitHubCommentChannel(t.app),
      createDesktopChannel(t.app),
    ],
    timeoutMs,
  });
}

const notification = (priority: Notification["priority"], title: string): Notification => ({
  priority,
  kind: `test-${priority}`,
  title,
  body: `${title} — details`,
  actions: ["kill", "open"],
});

const notes = async (sessionId: string) =>
  (await t.store.readLog(sessionId)).filter((e) => e.kind === "notification").map((e) => e.summary);

let n = 0;
const send = (sessionId: string, body: SessionEventBody) =>
  handleSessionEvent(t.app, sessionId, { ...body, id: `router-${++n}` } as never, { wait: true });

describe("routing by priority", () => {
  it("sends urgent everywhere, action to Slack and desktop, warning and info to Slack (the defaults)", async () => {
    await setUp("route-defaults");
    const session = await runningSessionWithPr(t, "web-42");
    const posts: SlackCall[] = [];
    slackMethod("chat.postMessage", posts, { channel: "C0DROVER1", ts: "1.1" }, 4);
    const notifier = t.app.ports.notifier!;
    await notifier.notify(session, notification("urgent", "Urgent one"));
    await notifier.notify(session, notification("action", "Action one"));
    await notifier.notify(session, notification("warning", "Warning one"));
    await notifier.notify(session, notification("info", "Info one"));

    expect(posts.map((p) => p.body.text)).toEqual([
      "Urgent one: Urgent one — details",
      "Action one: Action one — details",
      "Warning one: Warning one — details",
      "Info one: Info one — details",
    ]);
    expect(receiver.received.map((r) => JSON.parse(r.body).notification.title)).toEqual(["Urgent one"]);
    const comments = t.github.filter((c) => c.call === "comment");
    expect(comments).toHaveLength(1);
    expect(comments[0]?.args[0]).toBe("pr");
    expect(comments[0]?.args[1]).toBe(
      [
        "🚨 **Urgent one**",
        "",
        "@maria @omar Urgent one — details",
        "",
        `[Open the session in the Drover dashboard](${publicUrl}/dashboard/sessions/web-42)`,
        "",
        "<sub>Drover urgent notification · test-urgent</sub>",
      ].join("\n"),
    );
    const desktop = (await t.store.listJobs({ sessionId: "web-42" })).filter(
      (j) => j.payload.kind === "notify",
    );
    expect(desktop.map((j) => [j.queue, j.payload])).toEqual([
      [
        "runner:laptop",
        {
          kind: "notify",
          sessionId: "web-42",
          title: "Urgent one",
          body: "Urgent one — details",
          url: `${publicUrl}/dashboard/sessions/web-42`,
          priority: "urgent",
        },
      ],
      [
        "runner:laptop",
        {
          kind: "notify",
          sessionId: "web-42",
          title: "Action one",
          body: "Action one — details",
          url: `${publicUrl}/dashboard/sessions/web-42`,
          priority: "action",
        },
      ],
    ]);
    expect(await notes("web-42")).toEqual([
      'urgent "Urgent one": sent to slack; sent to github; sent to webhook; sent to desktop',
      'action "Action one": sent to slack; sent to desktop',
      'warning "Warning one": sent to slack',
      'info "Info one": sent to slack',
    ]);
  });

  it("follows the repo's routing, and says in the log which channels are not set up", async () => {
    await setUp("route-custom", {
      env: {},
      withGitHub: false,
      config: repoConfig({ notifications: { routing: { warning: ["webhook", "github", "desktop"] } } }),
    });
    await createSession(t.app, newSession("web-50"), { wait: true });
    const session = (await t.store.getSession("web-50"))!;
    await t.app.ports.notifier!.notify(session, notification("warning", "Routed"));
    await t.app.ports.notifier!.notify(session, notification("urgent", "Nowhere"));
    expect(await notes("web-50")).toEqual([
      'warning "Routed": webhook skipped (webhook is not configured); github skipped (no GitHub App is configured); ' +
        "desktop skipped (the session has no runner to show it on)",
      'urgent "Nowhere": slack skipped (slack is not configured); github skipped (no GitHub App is configured); ' +
        "webhook skipped (webhook is not configured); desktop skipped (the session has no runner to show it on)",
    ]);
  });

  it("comments on the issue while there is no PR, and not at all for a Linear issue without one", async () => {
    await setUp("route-github", { env: {} });
    await createSession(t.app, newSession("web-51"), { wait: true });
    await createSession(
      t.app,
      newSession("lin-1", {
        issue: {
          tracker: "linear",
          key: "ENG-7",
          title: "Linear one",
          url: "https://linear.app/acme/issue/ENG-7",
        },
      }),
      { wait: true },
    );
    const urgent = notification("urgent", "Needs you");
    await t.app.ports.notifier!.notify((await t.store.getSession("web-51"))!, urgent);
    await t.app.ports.notifier!.notify((await t.store.getSession("lin-1"))!, urgent);
    const comments = t.github.filter((c) => c.call === "comment");
    expect(comments.map((c) => [c.sessionId, c.args[0]])).toEqual([["web-51", "issue"]]);
    expect((await notes("lin-1"))[0]).toContain(
      "github skipped (the issue is not on GitHub and there is no PR yet)",
    );
  });
});

describe("repeats, failures and slow channels", () => {
  it("drops the same notification within the dedupe window, and sends it again after", async () => {
    await setUp("dedupe", {
      env: slackEnv,
      config: repoConfig({ notifications: { dedupeWindow: "400ms" } }),
    });
    const session = await runningSessionWithPr(t, "web-42");
    const posts: SlackCall[] = [];
    slackMethod("chat.postMessage", posts, { ts: "1.2" }, 3);
    const warning = notification("warning", "CI still failing on PR #7");
    await t.app.ports.notifier!.notify(session, warning);
    await t.app.ports.notifier!.notify(session, warning);
    await t.app.ports.notifier!.notify(session, { ...warning, body: "Something else failed." });
    expect(posts).toHaveLength(2);
    expect((await notes("web-42"))[1]).toBe(
      'warning "CI still failing on PR #7" dropped: the same was sent less than 400ms ago',
    );
    // The window is a TTL in the store; once it has passed, the same event is news again.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await t.app.ports.notifier!.notify(session, warning);
    expect(posts).toHaveLength(3);
  });

  it("retries only the channel that failed, from the outbox, and never resends to the others", async () => {
    await setUp("retry");
    quickNotifier();
    await runningSessionWithPr(t, "web-42");
    const posts: SlackCall[] = [];
    slackMethod("chat.postMessage", posts, { ts: "1.3" });
    const again: SlackCall[] = [];
    slackMethod("chat.postMessage", again, { ts: "1.4" });
    receiver.answers.push(500, 500);
    const asking = await send("web-42", { type: "agent.needs_input", message: "Which OAuth provider?" });
    expect(asking?.outbox).toMatchObject([
      {
        attempts: 1,
        lastError: "webhook: the webhook answered HTTP 500 (2 tries)",
        effect: { kind: "needs-input" },
      },
    ]);
    expect(posts).toHaveLength(1);
    expect(t.github.filter((c) => c.call === "comment")).toHaveLength(1);

    t.clock.now += 2 * 60_000;
    expect(await sweep(t.app)).toMatchObject({ ran: true, outboxesDrained: 1 });
    expect(receiver.received).toHaveLength(3);
    expect(again).toEqual([]);
    expect(t.github.filter((c) => c.call === "comment")).toHaveLength(1);
    const desktop = (await t.store.listJobs({ sessionId: "web-42" })).filter(
      (j) => j.payload.kind === "notify",
    );
    expect(desktop).toHaveLength(1);
    expect((await t.store.getSession("web-42"))?.outbox).toEqual([]);
    const title = '"Agent needs input: Fix the login redirect"';
    expect(await notes("web-42")).toEqual([
      `urgent ${title}: sent to slack; sent to github; webhook failed (the webhook answered HTTP 500 (2 tries)), will retry; sent to desktop`,
      `urgent ${title}: slack already done; github already done; sent to webhook; desktop already done`,
    ]);
  });

  it("does not let a channel that never answers hold up the others", async () => {
    await setUp("slow");
    quickNotifier(1_000);
    const session = await runningSessionWithPr(t, "web-42");
    const posts: SlackCall[] = [];
    slackMethod("chat.postMessage", posts, { ts: "1.5" });
    receiver.answers.push("hang");
    await t.app.ports.notifier!.notify(session, notification("urgent", "Stuck agent"));
    expect(posts).toHaveLength(1);
    expect(t.github.filter((c) => c.call === "comment")).toHaveLength(1);
    expect(
      (await t.store.listJobs({ sessionId: "web-42" })).filter((j) => j.payload.kind === "notify"),
    ).toHaveLength(1);
    expect(await notes("web-42")).toEqual([
      'urgent "Stuck agent": sent to slack; sent to github; webhook failed (webhook did not answer within 1s), will retry; sent to desktop',
    ]);
  });
});
