// A press on one of Drover's buttons. Bolt has acked it already (Slack wants an answer within 3 seconds);
// this finishes the work: check who pressed, act, update the message; or tell only the presser why not.

import { actOnSession } from "./act-on-session.js";
import type { ButtonAction } from "./acted-message.js";
import { authorizeSlackUser, notMapped } from "./authorize-slack-user.js";
import { actionIdPrefix, type Block } from "./notification-message.js";
import { rememberModalMessage, sendMessageModal } from "./send-message-modal.js";
import { type SlackDeps, tellOnly } from "./slack-deps.js";
import { buttonPressSchema } from "./slack-payloads.js";

const buttonActions: ReadonlySet<string> = new Set(["merge", "kill", "send", "retry", "respawn"]);

export async function onButtonPress(deps: SlackDeps, body: unknown): Promise<void> {
  const { app } = deps;
  const parsed = buttonPressSchema.safeParse(body);
  if (!parsed.success) {
    app.log.warn(
      { issues: parsed.error.issues.slice(0, 3) },
      "a Slack button payload lacks what Drover reads",
    );
    return;
  }
  const press = parsed.data;
  const pressed = press.actions[0]!;
  const action = pressed.action_id.slice(actionIdPrefix.length);
  // "Open dashboard" is a link: Slack opens it and only tells us it was pressed.
  if (!buttonActions.has(action)) return;
  const slackUserId = press.user.id;
  const channel = press.channel?.id ?? press.container?.channel_id;
  const where = { user: slackUserId, channel, responseUrl: press.response_url };
  const sessionId = pressed.value ?? "";
  const session = sessionId ? await app.store.getSession(sessionId) : undefined;
  if (!session) return tellOnly(deps, where, "That session no longer exists.");

  if (action === "send") {
    // The modal must open within Slack's 3-second trigger window: only the quick, local check comes first;
    // the GitHub permission is checked when the message is submitted.
    if (!deps.config.users.has(slackUserId)) return tellOnly(deps, where, notMapped(slackUserId));
    if (!press.trigger_id) return;
    const ts = press.message?.ts ?? press.container?.message_ts;
    const opened = await deps.client.views.open({
      trigger_id: press.trigger_id,
      view: sendMessageModal(session, { sessionId, ...(channel ? { channel } : {}), ...(ts ? { ts } : {}) }),
    });
    // The submission does not carry the message the button was on; keep it to update it in place then.
    if (opened.view?.id && channel && ts && press.message?.blocks)
      await rememberModalMessage(app, opened.view.id, {
        channel,
        ts,
        blocks: press.message.blocks as Block[],
      });
    return;
  }

  const who = await authorizeSlackUser(app, deps.config.users, slackUserId, session.repo);
  if ("refusal" in who) {
    app.log.info({ sessionId, action, slackUser: slackUserId }, "refused a Slack button press");
    return tellOnly(deps, where, who.refusal);
  }
  const ts = press.message?.ts ?? press.container?.message_ts;
  await actOnSession(deps, {
    action: action as ButtonAction,
    sessionId,
    login: who.login,
    slackUserId,
    pressId: `${pressed.action_ts ?? app.newId("press")}:${slackUserId}`,
    ...(channel && ts ? { original: { channel, ts, blocks: (press.message?.blocks ?? []) as Block[] } } : {}),
    ...(press.response_url ? { responseUrl: press.response_url } : {}),
  });
}
