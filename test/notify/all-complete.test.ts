// "All complete" through the notifier: a batch's summary, the summary of a repo's sessions spawned on their
// own, and a summary that Slack failed to take, retried by the notifier itself.
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SessionEventBody } from "../../src/core/events.js";
import { createSession } from "../../src/sessions/create-session.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import { sweep } from "../../src/sessions/sweep.js";
import { type SlackCall, slackMethod } from "../slack/support/slack-fakes.js";
import { createNotifyTestApp, type NotifyTestApp, newSession, slackEnv } from "./support/notify-app.js";

let t: NotifyTestApp;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith("127.0.0.1"));
});
afterAll(() => {
  nock.enableNetConnect();
});
afterEach(async () => {
  await t?.close();
  nock.cleanAll();
});

let n = 0;
const send = (sessionId: string, body: SessionEventBody) =>
  handleSessionEvent(t.app, sessionId, { ...body, id: `done-${++n}` } as never, { wait: true });

const summaries = async (sessionId: string) =>
  (await t.store.readLog(sessionId)).filter((e) => e.kind === "notification").map((e) => e.summary);

describe("all complete", () => {
  it("sends a batch's summary through the notifier when its last session settles", async () => {
    t = createNotifyTestApp({ name: "batch-done", env: slackEnv });
    await createSession(t.app, newSession("web-1", { batchId: "b1" }), { wait: true });
    await createSession(t.app, newSession("web-2", { batchId: "b1" }), { wait: true });
    const posts: SlackCall[] = [];
    slackMethod("chat.postMessage", posts, { ts: "5.1" });
    await send("web-1", { type: "human.kill", by: "maria" });
    expect(posts).toEqual([]);
    await send("web-2", { type: "human.kill", by: "omar" });
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.text).toBe(
      "2 sessions done: 0 merged, 0 need review, 2 failed: - Fix the login redirect: killed https://github.com/acme/web/issues/42\n- Fix the login redirect: killed https://github.com/acme/web/issues/42",
    );
    expect(await summaries("web-2")).toEqual([
      'info "2 sessions done: 0 merged, 0 need review, 2 failed": sent to slack',
    ]);
  });

  it("sums up a repo's own sessions when the last open one settles, and not a round of one", async () => {
    t = createNotifyTestApp({ name: "repo-done", env: slackEnv });
    await createSession(t.app, newSession("web-1"), { wait: true });
    await createSession(t.app, newSession("web-2"), { wait: true });
    const posts: SlackCall[] = [];
    slackMethod("chat.postMessage", posts, { ts: "5.2" }, 2);
    await send("web-1", { type: "human.kill", by: "maria" });
    expect(posts).toEqual([]);
    await send("web-2", { type: "agent.spawned", runnerId: "laptop" });
    await send("web-2", { type: "agent.exited", code: 1 });
    // The urgent "agent stopped" goes to Slack too; the summary follows it.
    expect(posts.map((p) => p.body.text)).toEqual([
      expect.stringMatching(/^Agent stopped: Fix the login redirect/),
      expect.stringMatching(/^2 sessions done: 0 merged, 0 need review, 2 failed in acme\/web: /),
    ]);
    // A later session settling on its own is a round of one: nothing to sum up.
    t.clock.now += 60_000;
    await createSession(t.app, newSession("web-3"), { wait: true });
    await send("web-3", { type: "human.kill", by: "maria" });
    expect(posts).toHaveLength(2);
  });

  it("retries a summary Slack did not take, from the outbox, since nothing else would", async () => {
    t = createNotifyTestApp({ name: "batch-retry", env: slackEnv });
    await createSession(t.app, newSession("web-1", { batchId: "b2" }), { wait: true });
    nock("https://slack.com").post("/api/chat.postMessage").reply(500, "upstream trouble");
    await send("web-1", { type: "human.kill", by: "maria" });
    const pending = (await t.store.getSession("web-1"))?.outbox ?? [];
    expect(pending).toMatchObject([{ id: expect.stringMatching(/^notify-retry:web-1\/all-complete\//) }]);
    expect((await summaries("web-1"))[0]).toMatch(
      /^info "1 session done: 0 merged, 0 need review, 1 failed": slack failed/,
    );

    const posts: SlackCall[] = [];
    slackMethod("chat.postMessage", posts, { ts: "5.3" });
    t.clock.now += 2 * 60_000;
    await sweep(t.app);
    expect(posts.map((p) => p.body.text)).toEqual([expect.stringMatching(/^1 session done: 0 merged/)]);
    expect((await t.store.getSession("web-1"))?.outbox).toEqual([]);
  });
});
