// "Send message" (a modal, then the text goes to the agent as the presser) and `/drover status`, over real
// HTTP with Slack's signatures, Slack's Web API and response URLs faked with nock.
import type { Server } from "node:http";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionEventBody } from "../../src/core/events.js";
import { startServer } from "../../src/server/serve.js";
import { createSession } from "../../src/sessions/create-session.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import {
  createNotifyTestApp,
  type NotifyTestApp,
  newSession,
  publicUrl,
  runningSessionWithPr,
  slackEnv,
  slackSecret,
} from "../notify/support/notify-app.js";
import { freePort } from "../support/free-port.js";
import { buttonPress, postAsSlack, responseUrl, type SlackCall, slackMethod } from "./support/slack-fakes.js";

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
    name: "slack-send",
    env: slackEnv,
    permissions: { maria: "maintain", omar: "read", "acme/secret#omar": "none", "acme/secret#maria": "none" },
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
const send = (sessionId: string, body: SessionEventBody) =>
  handleSessionEvent(t.app, sessionId, { ...body, id: `send-${++n}` } as never, { wait: true });
const signing = () => ({ secret: slackSecret, timestampSec: Math.floor(t.app.now() / 1000) });

const blocks = [
  {
    type: "header",
    block_id: "h",
    text: { type: "plain_text", text: "Agent needs input: Fix the login redirect" },
  },
  {
    type: "actions",
    block_id: "drover_actions",
    elements: [
      {
        type: "button",
        action_id: "drover_send",
        value: "web-42",
        text: { type: "plain_text", text: "Send message" },
      },
    ],
  },
];

function submission(userId: string, viewId: string, metadata: string, text: string): Record<string, string> {
  return {
    payload: JSON.stringify({
      type: "view_submission",
      team: { id: "T0ACME", domain: "acme" },
      user: { id: userId, username: userId.toLowerCase(), team_id: "T0ACME" },
      api_app_id: "A0DROVER",
      token: "legacy",
      trigger_id: "456.789.def",
      view: {
        id: viewId,
        type: "modal",
        callback_id: "drover_send_message",
        private_metadata: metadata,
        state: { values: { message: { text: { type: "plain_text_input", value: text } } } },
      },
    }),
  };
}

describe("Send message", () => {
  it("opens a modal for a mapped user, and the submitted text reaches the agent as that user", async () => {
    await runningSessionWithPr(t, "web-42");
    await send("web-42", { type: "agent.needs_input", message: "Which OAuth provider?" });
    const opened: SlackCall[] = [];
    slackMethod("views.open", opened, { view: { id: "V0MODAL1" } });
    const press = buttonPress({
      actionId: "drover_send",
      sessionId: "web-42",
      userId: "U0MARIA1",
      channel: "C0DROVER1",
      ts: "1795338000.000200",
      blocks,
      responseUrl: "https://hooks.slack.com/actions/T0ACME/6/maria",
    });
    expect((await postAsSlack(baseUrl, "/api/slack/actions", press, signing())).status).toBe(200);
    await t.app.settle();
    expect(opened).toHaveLength(1);
    const view = opened[0]?.body.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(opened[0]?.body.trigger_id).toBe("123.456.abc");
    expect(view.callback_id).toBe("drover_send_message");
    expect(JSON.parse(view.private_metadata)).toEqual({
      sessionId: "web-42",
      channel: "C0DROVER1",
      ts: "1795338000.000200",
    });

    const updates: SlackCall[] = [];
    slackMethod("chat.update", updates);
    const submitted = await postAsSlack(
      baseUrl,
      "/api/slack/actions",
      submission("U0MARIA1", "V0MODAL1", view.private_metadata, "  Use GitHub OAuth, not Google.  "),
      signing(),
    );
    expect(submitted).toEqual({ status: 200, text: "" });
    await t.app.settle();
    const sent = (await t.store.listJobs({ sessionId: "web-42" })).filter((j) => j.payload.kind === "send");
    expect(sent.at(-1)).toMatchObject({
      queue: "runner:laptop",
      payload: { kind: "send", message: "Use GitHub OAuth, not Google." },
    });
    expect((await t.store.getSession("web-42"))?.agentFacts.needsInput).toBeUndefined();
    expect(updates).toHaveLength(1);
    expect(updates[0]?.body).toMatchObject({ channel: "C0DROVER1", ts: "1795338000.000200" });
    const shown = JSON.stringify(updates[0]?.body.blocks);
    expect(shown).toContain("Agent needs input: Fix the login redirect");
    expect(shown).toContain("<@U0MARIA1> (GitHub @maria) sent the agent a message");
    expect(shown).not.toContain("drover_send");
  });

  it("tells an unmapped user why no modal opens, and a reader why the message was not sent", async () => {
    await runningSessionWithPr(t, "web-42");
    const replies: unknown[] = [];
    const stranger = responseUrl("/actions/T0ACME/7/stranger", replies);
    const opened: SlackCall[] = [];
    slackMethod("views.open", opened, { view: { id: "V0NEVER" } });
    const press = buttonPress({
      actionId: "drover_send",
      sessionId: "web-42",
      userId: "U0STRANGE",
      channel: "C0DROVER1",
      ts: "1795338000.000300",
      blocks,
      responseUrl: stranger.url,
    });
    expect((await postAsSlack(baseUrl, "/api/slack/actions", press, signing())).status).toBe(200);
    await t.app.settle();
    expect(opened).toEqual([]);
    expect(replies).toMatchObject([
      { response_type: "ephemeral", text: expect.stringContaining("not linked") },
    ]);

    const ephemeral: SlackCall[] = [];
    slackMethod("chat.postEphemeral", ephemeral);
    const metadata = JSON.stringify({ sessionId: "web-42", channel: "C0DROVER1", ts: "1795338000.000300" });
    const before = await t.store.listJobs({ sessionId: "web-42" });
    await postAsSlack(
      baseUrl,
      "/api/slack/actions",
      submission("U0OMAR22", "V0OMAR", metadata, "rm -rf"),
      signing(),
    );
    await t.app.settle();
    expect(ephemeral.map((c) => c.body)).toEqual([
      {
        channel: "C0DROVER1",
        user: "U0OMAR22",
        text: "@omar has read access to acme/web; this needs write access.",
      },
    ]);
    expect(await t.store.listJobs({ sessionId: "web-42" })).toEqual(before);
  });
});

describe("/drover status", () => {
  const command = (userId: string, text: string, url: string) => ({
    token: "legacy",
    team_id: "T0ACME",
    team_domain: "acme",
    channel_id: "C0DROVER1",
    channel_name: "drover",
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: "/drover",
    text,
    api_app_id: "A0DROVER",
    response_url: url,
    trigger_id: "789.012.ghi",
  });

  it("lists the sessions that need attention in the repos the caller can read, most pressing first", async () => {
    await runningSessionWithPr(t, "web-42");
    await send("web-42", { type: "agent.needs_input", message: "Which OAuth provider?" });
    await createSession(
      t.app,
      newSession("web-43", {
        issue: { ...newSession("x").issue, key: "43", number: 43, title: "Add dark mode" },
      }),
      {
        wait: true,
      },
    );
    await send("web-43", { type: "agent.spawned", runnerId: "laptop" });
    await send("web-43", { type: "agent.exited", code: 137 });
    await createSession(t.app, newSession("sec-1", { repo: "acme/secret" }), { wait: true });
    await send("sec-1", { type: "agent.spawned", runnerId: "laptop" });
    await send("sec-1", { type: "agent.needs_input", message: "Secret question" });
    await createSession(t.app, newSession("web-44"), { wait: true }); // queued: nothing to do for a human

    const replies: unknown[] = [];
    const url = responseUrl("/commands/T0ACME/8/maria", replies);
    const answered = await postAsSlack(
      baseUrl,
      "/api/slack/commands",
      command("U0MARIA1", "status", url.url),
      signing(),
    );
    expect(answered).toEqual({ status: 200, text: "" });
    await t.app.settle();
    expect(replies).toHaveLength(1);
    const reply = replies[0] as { response_type: string; text: string; blocks: { text: { text: string } }[] };
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toBe("2 sessions need attention");
    const list = reply.blocks[1]!.text.text;
    expect(list.split("\n")).toEqual([
      `• *<${publicUrl}/dashboard/sessions/web-42|#42 Fix the login redirect>* (acme/web) — asks: Which OAuth provider? · <https://github.com/acme/web/pull/7|PR #7>`,
      `• *<${publicUrl}/dashboard/sessions/web-43|#43 Add dark mode>* (acme/web) — stopped: the agent exited with code 137`,
    ]);
  });

  it("answers anything else with how to use it, and an unmapped user with why not", async () => {
    const help = await postAsSlack(
      baseUrl,
      "/api/slack/commands",
      command("U0MARIA1", "help", "https://hooks.slack.com/x"),
      signing(),
    );
    expect(help.status).toBe(200);
    expect(JSON.parse(help.text)).toEqual({
      response_type: "ephemeral",
      text: expect.stringContaining("/drover status"),
    });

    const replies: unknown[] = [];
    const url = responseUrl("/commands/T0ACME/9/stranger", replies);
    await postAsSlack(baseUrl, "/api/slack/commands", command("U0STRANGE", "status", url.url), signing());
    await t.app.settle();
    expect(replies).toMatchObject([
      { response_type: "ephemeral", text: expect.stringContaining("DROVER_SLACK_USERS") },
    ]);
  });
});
