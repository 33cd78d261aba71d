// Drover's Bolt app: Bolt routes each verified Slack request to its listener (buttons, the send modal, the
// slash command) and hands it ack() and respond(). Requests reach it through handleSlackRequest, not through
// a Bolt receiver's own server, so one route table serves `drover serve` and Vercel alike.
import { App, type Receiver } from "@slack/bolt";
import { actionIdPrefix } from "./notification-message.js";
import { onButtonPress } from "./on-button-press.js";
import { onSendSubmitted } from "./on-send-submitted.js";
import { sendModalCallbackId } from "./send-message-modal.js";
import type { SlackDeps } from "./slack-deps.js";
import { slackLogger } from "./slack-logger.js";
import { slashCommandSchema } from "./slack-payloads.js";
import { statusReply, statusUsage } from "./status-command.js";

/** handleSlackRequest feeds events in with processEvent; this receiver never listens itself. */
const routeTableReceiver: Receiver = {
  init: () => {},
  start: async () => undefined,
  stop: async () => undefined,
};

export function createBoltApp(deps: SlackDeps): App {
  const { app } = deps;
  const bolt = new App({
    receiver: routeTableReceiver,
    // One workspace, one bot token; no auth.test round trip before the first ack.
    authorize: async () => ({ botToken: deps.config.botToken }),
    logger: slackLogger(app.log),
    ignoreSelf: false,
    convoStore: false,
  });

  bolt.action(new RegExp(`^${actionIdPrefix}`), async ({ ack, body }) => {
    await ack();
    await onButtonPress(deps, body);
  });

  bolt.view(sendModalCallbackId, async ({ ack, body }) => {
    await ack();
    await onSendSubmitted(deps, body);
  });

  // Whatever name the Slack app gives the command (/drover by default), the same listener answers.
  bolt.command(/.*/, async ({ ack, body, respond }) => {
    const command = slashCommandSchema.safeParse(body);
    const words = command.success ? command.data.text.trim().toLowerCase().split(/\s+/) : [];
    if (!command.success || words[0] !== "status") {
      await ack({ response_type: "ephemeral", text: statusUsage });
      return;
    }
    await ack();
    const reply = await statusReply(app, deps.config.users, command.data.user_id);
    await respond({ response_type: "ephemeral", replace_original: false, ...reply });
  });

  bolt.error(async (error) => {
    app.log.error({ err: error }, "a Slack interaction failed after Slack was answered");
  });
  return bolt;
}
