// The send modal was submitted (and acked, which closes it): check the sender's access, then hand the text
// to the agent and update the notification the button was on.
import { actOnSession } from "./act-on-session.js";
import { authorizeSlackUser } from "./authorize-slack-user.js";
import { messageActionId, messageBlockId, modalMessage } from "./send-message-modal.js";
import { type SlackDeps, tellOnly } from "./slack-deps.js";
import { sendModalMetadataSchema, viewSubmissionSchema } from "./slack-payloads.js";

export async function onSendSubmitted(deps: SlackDeps, body: unknown): Promise<void> {
  const { app } = deps;
  const parsed = viewSubmissionSchema.safeParse(body);
  let metadata: ReturnType<typeof sendModalMetadataSchema.safeParse> | undefined;
  if (parsed.success) {
    try {
      metadata = sendModalMetadataSchema.safeParse(JSON.parse(parsed.data.view.private_metadata));
    } catch {
      metadata = undefined;
    }
  }
  if (!parsed.success || !metadata?.success) {
    app.log.warn("a Slack modal submission lacks what Drover reads");
    return;
  }
  const { sessionId, channel, ts } = metadata.data;
  const slackUserId = parsed.data.user.id;
  const message = parsed.data.view.state.values[messageBlockId]?.[messageActionId]?.value?.trim() ?? "";
  const where = { user: slackUserId, ...(channel ? { channel } : {}) };
  const session = await app.store.getSession(sessionId);
  if (!session) return tellOnly(deps, where, "That session no longer exists.");
  if (!message) return tellOnly(deps, where, "The message was empty, so nothing was sent.");
  const who = await authorizeSlackUser(app, deps.config.users, slackUserId, session.repo);
  if ("refusal" in who) return tellOnly(deps, where, who.refusal);
  const viewId = parsed.data.view.id;
  const original = viewId && channel && ts ? await modalMessage(app, viewId, { channel, ts }) : undefined;
  await actOnSession(deps, {
    action: "send",
    sessionId,
    login: who.login,
    slackUserId,
    pressId: `${viewId ?? app.newId("view")}:${slackUserId}`,
    message,
    ...(original ? { original } : {}),
  });
}
