// What a button (or the send modal) does once its presser is authorised: the matching human event goes
// through the session service like any other, then the message is updated in place to show who did what.
import type { SessionEvent, SessionEventBody } from "../core/events.js";
import { handleSessionEvent } from "../sessions/handle-event.js";
import { actedBlocks, type ButtonAction, didWhat } from "./acted-message.js";
import type { Block } from "./notification-message.js";
import { type SlackDeps, tellOnly } from "./slack-deps.js";

export interface Act {
  action: ButtonAction;
  sessionId: string;
  login: string;
  slackUserId: string;
  /** Makes the event id: the same press delivered twice is applied once. */
  pressId: string;
  message?: string;
  /** The notification message to update, when the press came from one. */
  original?: { channel: string; ts: string; blocks: Block[] };
  responseUrl?: string;
}

function eventFor(act: Act): SessionEventBody {
  const by = act.login;
  switch (act.action) {
    case "kill":
      return { type: "human.kill", by };
    case "merge":
      return { type: "human.merge", by };
    case "retry":
      return { type: "human.retry", by };
    case "respawn":
      return { type: "human.respawn", by };
    case "send":
      return { type: "human.send", by, message: act.message ?? "" };
  }
}

export async function actOnSession(deps: SlackDeps, act: Act): Promise<void> {
  const { app } = deps;
  const event: SessionEvent = { ...eventFor(act), id: `slack:${act.pressId}` };
  const session = await handleSessionEvent(app, act.sessionId, event, { wait: true });
  const where = { user: act.slackUserId, channel: act.original?.channel, responseUrl: act.responseUrl };
  if (!session) {
    const current = await app.store.getSession(act.sessionId);
    await tellOnly(
      deps,
      where,
      current
        ? `Nothing changed: the session is ${current.state.replaceAll("_", " ")}.`
        : "That session no longer exists.",
    );
    return;
  }
  app.log.info(
    { sessionId: act.sessionId, action: act.action, login: act.login, slackUser: act.slackUserId },
    "a Slack user acted on a session",
  );
  if (!act.original) return;
  const blocks = actedBlocks(
    act.original.blocks,
    act.action,
    { login: act.login, slackUserId: act.slackUserId, at: app.now() },
    session.state,
  );
  await deps.client.chat.update({
    channel: act.original.channel,
    ts: act.original.ts,
    text: `@${act.login} ${didWhat[act.action]}: ${session.issue.title}`,
    blocks,
  });
}
