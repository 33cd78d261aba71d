// "Send message": the button opens a modal (at once: Slack's trigger id lasts 3 seconds), and submitting it
// sends the text to the agent as @login, once the presser's write access is confirmed.
import type { types } from "@slack/bolt";
import { z } from "zod";
import type { Session } from "../core/session.js";
import type { AppContext } from "../server/app-context.js";
import { truncate } from "./mrkdwn.js";
import { type Block, issueLabel } from "./notification-message.js";
import type { SendModalMetadata } from "./slack-payloads.js";

export const sendModalCallbackId = "drover_send_message";
export const messageBlockId = "message";
export const messageActionId = "text";

export function sendMessageModal(session: Session, metadata: SendModalMetadata): types.ModalView {
  return {
    type: "modal",
    callback_id: sendModalCallbackId,
    private_metadata: JSON.stringify(metadata),
    title: { type: "plain_text", text: "Message the agent" },
    submit: { type: "plain_text", text: "Send" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: truncate(`${session.repo} · ${issueLabel(session)}`, 300) }],
      },
      {
        type: "input",
        block_id: messageBlockId,
        label: { type: "plain_text", text: "Message" },
        element: {
          type: "plain_text_input",
          action_id: messageActionId,
          multiline: true,
          min_length: 1,
          max_length: 3000,
          placeholder: { type: "plain_text", text: "What the agent should know or do next" },
        },
      },
    ],
  };
}

const modalMessageKey = (viewId: string) => `slack:send-modal:${viewId}`;
const keptFor = 3_600_000;
const keptMessageSchema = z.object({ blocks: z.array(z.looseObject({ type: z.string() })) });

/** Keeps the blocks of the message a send modal was opened from, for the hour a modal may stay open. */
export async function rememberModalMessage(
  app: AppContext,
  viewId: string,
  message: { channel: string; ts: string; blocks: Block[] },
): Promise<void> {
  await app.store.appendToList(
    modalMessageKey(viewId),
    [JSON.stringify({ blocks: message.blocks })],
    keptFor,
  );
}

export async function modalMessage(
  app: AppContext,
  viewId: string,
  where: { channel: string; ts: string },
): Promise<{ channel: string; ts: string; blocks: Block[] } | undefined> {
  const [text] = await app.store.readList(modalMessageKey(viewId));
  if (text === undefined) return undefined;
  try {
    const parsed = keptMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? { ...where, blocks: parsed.data.blocks as Block[] } : undefined;
  } catch {
    return undefined;
  }
}
