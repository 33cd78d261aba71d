// POST /api/slack/actions (buttons, modals) and /api/slack/commands (`/drover status`): checks Slack's
// signature and timestamp on the raw body, parses the form, and hands the request to Bolt.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { AppContext } from "../server/app-context.js";
import { HttpError, readBody } from "../server/http.js";
import { dispatchToBolt } from "./dispatch-to-bolt.js";
import { slackRuntimeOf } from "./slack-runtime.js";
import { verifySlackSignature } from "./verify-slack-signature.js";

/** Interaction payloads carry the whole message back; Slack's own limit is far below this. */
const maxBody = 1_000_000;

const interactionSchema = z.looseObject({ type: z.string() });
const commandSchema = z.looseObject({ command: z.string(), user_id: z.string() });

function parseSlackBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!contentType?.startsWith("application/x-www-form-urlencoded"))
    throw new HttpError(
      415,
      "Slack sends application/x-www-form-urlencoded here; this request is something else.",
    );
  const form = new URLSearchParams(raw);
  const payload = form.get("payload");
  if (payload !== null) {
    let data: unknown;
    try {
      data = JSON.parse(payload);
    } catch {
      throw new HttpError(400, "The payload field is not valid JSON.");
    }
    const parsed = interactionSchema.safeParse(data);
    if (!parsed.success) throw new HttpError(400, "The payload has no type: it is not a Slack interaction.");
    return parsed.data;
  }
  const fields = Object.fromEntries(form);
  const parsed = commandSchema.safeParse(fields);
  if (!parsed.success)
    throw new HttpError(
      400,
      "Neither an interaction payload nor a slash command (command, user_id) was sent.",
    );
  return parsed.data;
}

export async function handleSlackRequest(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const slack = slackRuntimeOf(app);
  if (!slack)
    throw new HttpError(
      404,
      "Slack is not configured here: set SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_CHANNEL (docs/notifications.md).",
    );
  const raw = (await readBody(req, maxBody)).toString("utf8");
  // Slack's certificate check carries no signature and asks for nothing but a 200.
  const form = new URLSearchParams(raw);
  if (form.get("ssl_check") === "1" && !form.has("payload") && !form.has("command")) {
    res.writeHead(200, { "content-length": "0" });
    res.end();
    return;
  }
  verifySlackSignature(slack.deps.config.signingSecret, raw, req.headers, app.now());
  const body = parseSlackBody(raw, req.headers["content-type"]);
  await dispatchToBolt(app, slack.bolt, body, req, res);
}
