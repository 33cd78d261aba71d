// The whole way from a failing PR to a Slack button that acts: CI fails after two automatic fixes → a warning
// with Retry and Kill on Slack → maria (write access) presses Kill over real HTTP → the runner gets a kill
// job and the message says who killed it. Omar (read access) and an unmapped user change nothing and are
// told why, only them; a replayed or forged request is refused.
import type { Server } from "node:http";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionEventBody } from "../../src/core/events.js";
import { startServer } from "../../src/server/serve.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import {
  createNotifyTestApp,
  type NotifyTestApp,
  publicUrl,
  runningSessionWithPr,
  slackEnv,
  slackSecret,
} from "../notify/support/notify-app.js";
import { freePort } from "../support/free-port.js";
import { buttonPress, postAsSlack, responseUrl, type SlackCall, slackMethod } from "./support/slack-fakes.js";

const sha = (c: string) => c.repeat(40);
let t: NotifyTestApp;
let server: Server;
let baseUrl: string;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith("127.0.0.1"));
});
afterAll(() => {
  nock.enableNetConnect();
});

beforeEach(async () => {
  t = createNotifyTestApp({
    name: "slack-path",
    env: slackEnv,
    permissions: { maria: "write", omar: "read" },
  });
  const port = await freePort();
  server = await startServer(t.app, port, "127.0.0.1");
  baseUrl = `http://127.0.0.1:${port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
  nock.cleanAll();
});

let n = 0;
const send = (body: SessionEventBody) =>
  handleSessionEvent(t.app, "web-42", { ...body, id: `ev-${++n}` } as never, { wait: true });

/** CI fails on three heads in a row; the first two failures are handed to the agent, the third to a human. */
async function failCiAfterTwoFixes(): Promise<SlackCall> {
  const posts: SlackCall[] = [];
  slackMethod("chat.postMessage", posts, { channel: "C0DROVER1", ts: "1795338000.000100" });
  await runningSessionWithPr(t, "web-42");
  const failing = (head: string) => ({
    type: "ci.result" as const,
    sha: head,
    checks: [{ name: "test", status: "failure" as const }],
  });
  await send(failing(sha("a")));
  await send({ type: "pr.synchronized", headSha: sha("b") });
  await send(failing(sha("b")));
  expect(posts).toEqual([]); // two automatic fixes, nobody bothered
  await send({ type: "pr.synchronized", headSha: sha("c") });
  await send(failing(sha("c")));
  const sends = (await t.store.listJobs({ sessionId: "web-42" })).filter((j) => j.payload.kind === "send");
  expect(sends).toHaveLength(2);
  expect(posts).toHaveLength(1);
  return posts[0]!;
}

function buttons(
  post: SlackCall,
): { action_id: string; text: { text: string }; url?: string; value?: string }[] {
  const blocks = post.body.blocks as { type: string; elements?: never[] }[];
  return blocks.find((b) => b.type === "actions")?.elements ?? [];
}

describe("Slack: from CI failing twice to a Kill that acts", () => {
  it("warns with Retry and Kill, and a Kill pressed by a writer queues the kill job and shows who killed it", async () => {
    const post = await failCiAfterTwoFixes();
    expect(post.body.channel).toBe("C0DROVER1");
    expect(post.body.text).toContain("CI still failing on PR #7");
    const shown = JSON.stringify(post.body.blocks);
    expect(shown).toContain("test failed again after 2 automatic fixes.");
    expect(shown).toContain("<https://github.com/acme/web/issues/42|#42 Fix the login redirect>");
    expect(shown).toContain("<https://github.com/acme/web/pull/7|#7>");
    expect(shown).toContain("ci failed");
    expect(shown).toContain("$0.00");
    expect(buttons(post).map((b) => [b.action_id, b.text.text])).toEqual([
      ["drover_retry", "Retry fix"],
      ["drover_kill", "Kill session"],
      ["drover_open", "Open dashboard"],
    ]);
    expect(buttons(post)[2]?.url).toBe(`${publicUrl}/dashboard/sessions/web-42`);
    expect(buttons(post)[1]?.value).toBe("web-42");
    const log = await t.store.readLog("web-42");
    expect(log.filter((e) => e.kind === "notification").map((e) => e.summary)).toEqual([
      'warning "CI still failing on PR #7": sent to slack',
    ]);

    const updates: SlackCall[] = [];
    slackMethod("chat.update", updates);
    const pressed = await postAsSlack(
      baseUrl,
      "/api/slack/actions",
      buttonPress({
        actionId: "drover_kill",
        sessionId: "web-42",
        userId: "U0MARIA1",
        channel: "C0DROVER1",
        ts: "1795338000.000100",
        blocks: post.body.blocks as unknown[],
        responseUrl: "https://hooks.slack.com/actions/T0ACME/1/maria",
      }),
      { secret: slackSecret, timestampSec: Math.floor(t.app.now() / 1000) },
    );
    expect(pressed).toEqual({ status: 200, text: "" });
    await t.app.settle();

    const kill = (await t.store.listJobs({ sessionId: "web-42" })).find((j) => j.payload.kind === "kill");
    expect(kill).toMatchObject({
      queue: "runner:laptop",
      state: "queued",
      payload: { kind: "kill", sessionId: "web-42" },
    });
    expect((await t.store.getSession("web-42"))?.state).toBe("killed");
    expect(updates).toHaveLength(1);
    expect(updates[0]?.body).toMatchObject({ channel: "C0DROVER1", ts: "1795338000.000100" });
    const updated = JSON.stringify(updates[0]?.body.blocks);
    expect(updated).toContain("<@U0MARIA1> (GitHub @maria) killed the session · session now killed");
    expect(updated).toContain("CI still failing on PR #7");
    // The acting buttons are gone; the dashboard link stays.
    expect(buttons(updates[0]!).map((b) => b.action_id)).toEqual(["drover_open"]);
    expect((await t.store.readLog("web-42")).map((e) => e.summary)).toContain("@maria killed the session");
  });

  it("refuses a reader and an unmapped user, telling only them why, and changes nothing", async () => {
    const post = await failCiAfterTwoFixes();
    const before = await t.store.getSession("web-42");
    const replies: unknown[] = [];
    const omarUrl = responseUrl("/actions/T0ACME/2/omar", replies);
    const strangerUrl = responseUrl("/actions/T0ACME/3/stranger", replies);
    const press = (userId: string, url: string) =>
      postAsSlack(
        baseUrl,
        "/api/slack/actions",
        buttonPress({
          actionId: "drover_kill",
          sessionId: "web-42",
          userId,
          channel: "C0DROVER1",
          ts: "1795338000.000100",
          blocks: post.body.blocks as unknown[],
          responseUrl: url,
        }),
        { secret: slackSecret, timestampSec: Math.floor(t.app.now() / 1000) },
      );

    const updates: SlackCall[] = [];
    slackMethod("chat.update", updates);
    expect((await press("U0OMAR22", omarUrl.url)).status).toBe(200);
    await t.app.settle();
    expect((await press("U0STRANGE", strangerUrl.url)).status).toBe(200);
    await t.app.settle();

    expect(replies).toEqual([
      {
        response_type: "ephemeral",
        replace_original: false,
        text: "@omar has read access to acme/web; this needs write access.",
      },
      {
        response_type: "ephemeral",
        replace_original: false,
        text: expect.stringContaining("`U0STRANGE=<your GitHub login>` to DROVER_SLACK_USERS"),
      },
    ]);
    expect((await t.store.listJobs({ sessionId: "web-42" })).some((j) => j.payload.kind === "kill")).toBe(
      false,
    );
    const after = await t.store.getSession("web-42");
    expect(after?.state).toBe("ci_failed");
    expect(after).toEqual(before);
    expect(updates).toEqual([]);
    expect(omarUrl.scope.isDone() && strangerUrl.scope.isDone()).toBe(true);
  });

  it("answers Slack before the action is finished, and finishes it after", async () => {
    const post = await failCiAfterTwoFixes();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const updates: unknown[] = [];
    // chat.update answers only when the test says so: the press must be answered before that.
    nock("https://slack.com")
      .post("/api/chat.update")
      .reply(200, async (_uri, body) => {
        await held;
        updates.push(body);
        return { ok: true };
      });
    const pressed = await postAsSlack(
      baseUrl,
      "/api/slack/actions",
      buttonPress({
        actionId: "drover_retry",
        sessionId: "web-42",
        userId: "U0MARIA1",
        channel: "C0DROVER1",
        ts: "1795338000.000100",
        blocks: post.body.blocks as unknown[],
        responseUrl: "https://hooks.slack.com/actions/T0ACME/5/maria",
      }),
      { secret: slackSecret, timestampSec: Math.floor(t.app.now() / 1000) },
    );
    expect(pressed.status).toBe(200);
    expect(updates).toEqual([]);
    release();
    await t.app.settle();
    expect(updates).toHaveLength(1);
    expect(new URLSearchParams(updates[0] as string).get("blocks")).toContain(
      "<@U0MARIA1> (GitHub @maria) asked the agent to retry the fix",
    );
    const session = await t.store.getSession("web-42");
    // The retry handed the failure back to the agent as a first fix again.
    expect(session?.memory.ciFixesSent).toBe(1);
    const sends = (await t.store.listJobs({ sessionId: "web-42" })).filter((j) => j.payload.kind === "send");
    expect(sends).toHaveLength(3);
    expect((await t.store.readLog("web-42")).map((e) => e.summary)).toContain(
      "@maria asked to retry the fix",
    );
  });

  it("refuses a request older than five minutes and a forged signature, before anything happens", async () => {
    const post = await failCiAfterTwoFixes();
    const fields = buttonPress({
      actionId: "drover_kill",
      sessionId: "web-42",
      userId: "U0MARIA1",
      channel: "C0DROVER1",
      ts: "1795338000.000100",
      blocks: post.body.blocks as unknown[],
      responseUrl: "https://hooks.slack.com/actions/T0ACME/4/replay",
    });
    const now = Math.floor(t.app.now() / 1000);
    const replayed = await postAsSlack(baseUrl, "/api/slack/actions", fields, {
      secret: slackSecret,
      timestampSec: now - 6 * 60,
    });
    expect(replayed.status).toBe(401);
    expect(JSON.parse(replayed.text).error).toMatch(/stale/);

    const forged = await postAsSlack(baseUrl, "/api/slack/actions", fields, {
      secret: "not-the-signing-secret-at-all",
      timestampSec: now,
    });
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.text).error).toMatch(/signature mismatch/);

    const unsigned = await fetch(`${baseUrl}/api/slack/actions`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    expect(unsigned.status).toBe(401);

    // Within five minutes, the same request is accepted: the age is what was refused.
    slackMethod("chat.update", []);
    const fresh = await postAsSlack(baseUrl, "/api/slack/actions", fields, {
      secret: slackSecret,
      timestampSec: now - 4 * 60,
    });
    expect(fresh.status).toBe(200);
    await t.app.settle();
    expect((await t.store.getSession("web-42"))?.state).toBe("killed");
  });
});
