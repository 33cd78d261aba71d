// POST /api/linear/webhooks: a Linear delivery, verified before anything is read or stored, handled once per
// Linear-Delivery id, and turned into a session when an issue in a mapped team is handed to Drover.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ZodError } from "zod";
import { formatIssues } from "../config/format-issues.js";
import type { AppContext } from "../server/app-context.js";
import { HttpError, readBody, sendJson } from "../server/http.js";
import { claimLinearDelivery, releaseLinearDelivery } from "./claim-linear-delivery.js";
import { decideIssueTrigger } from "./decide-issue-trigger.js";
import { linearFor } from "./linear-connection.js";
import {
  type IssueChanges,
  issueChangesSchema,
  linearIssueSchema,
  webhookEnvelopeSchema,
} from "./linear-webhook-payload.js";
import { startLinearSession } from "./start-linear-session.js";
import { verifyLinearDelivery } from "./verify-linear-delivery.js";

/** Issue descriptions can be long; Linear's own helper allows 5 MB. */
const bodyLimit = 5 * 1024 * 1024;

export interface LinearWebhookReply {
  ok: true;
  delivery: string;
  outcome: "started" | "ignored" | "duplicate";
  reason?: string;
  sessionId?: string;
}

export async function handleLinearWebhook(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const linear = linearFor(app);
  if (!linear) {
    throw new HttpError(
      404,
      "Linear is not configured on this server: set LINEAR_API_KEY, LINEAR_WEBHOOK_SECRET and DROVER_LINEAR_TEAMS (docs/linear.md).",
    );
  }
  const raw = await readBody(req, bodyLimit);
  const payload = verifyLinearDelivery(req, raw, linear.settings.webhookSecret);
  const deliveryHeader = req.headers["linear-delivery"];
  const delivery = (Array.isArray(deliveryHeader) ? deliveryHeader[0] : deliveryHeader)?.trim();
  if (!delivery)
    throw new HttpError(400, "The Linear-Delivery header is missing; Linear sends one with every delivery.");

  const envelope = webhookEnvelopeSchema.safeParse(payload);
  if (!envelope.success) throw invalid(envelope.error);
  const reply = (outcome: LinearWebhookReply["outcome"], extra: Partial<LinearWebhookReply> = {}) =>
    sendJson(res, 200, { ok: true, delivery, outcome, ...extra } satisfies LinearWebhookReply);
  if (envelope.data.type !== "Issue")
    return reply("ignored", { reason: `Drover acts on Issue events, not ${envelope.data.type}` });

  const issue = linearIssueSchema.safeParse(envelope.data.data);
  if (!issue.success) throw invalid(issue.error, "data");
  const changes = parseChanges(envelope.data.updatedFrom);

  if (!(await claimLinearDelivery(app.store, delivery))) {
    return reply("duplicate", { reason: `delivery ${delivery} was handled already` });
  }
  try {
    const trigger = decideIssueTrigger(envelope.data.action, issue.data, changes, linear.settings);
    if (!trigger.start) return reply("ignored", { reason: trigger.reason });
    const actor = envelope.data.actor?.name?.trim() || undefined;
    const outcome = await startLinearSession(app, issue.data, trigger.repo, actor);
    if (!outcome.started) {
      return reply("ignored", {
        reason: outcome.reason,
        ...(outcome.sessionId ? { sessionId: outcome.sessionId } : {}),
      });
    }
    app.log.info(
      {
        delivery,
        issue: issue.data.identifier,
        repo: outcome.repo,
        sessionId: outcome.sessionId,
        because: trigger.because,
      },
      "Linear issue handed to Drover: session started",
    );
    return reply("started", {
      sessionId: outcome.sessionId,
      reason: `${trigger.because} in team ${trigger.teamKey}`,
    });
  } catch (error) {
    await releaseLinearDelivery(app.store, delivery, (error as Error).message).catch((cause) =>
      app.log.error({ err: cause, delivery }, "could not mark the Linear delivery for a retry"),
    );
    throw error;
  }
}

function invalid(error: ZodError, root = ""): HttpError {
  return new HttpError(400, `Invalid Linear delivery: ${formatIssues(error, root).replace(/\n/g, "; ")}`);
}

function parseChanges(updatedFrom: Record<string, unknown> | null | undefined): IssueChanges | undefined {
  if (!updatedFrom) return undefined;
  const parsed = issueChangesSchema.safeParse(updatedFrom);
  if (!parsed.success) throw invalid(parsed.error, "updatedFrom");
  return { ...parsed.data, changedAssignee: Object.hasOwn(updatedFrom, "assigneeId") };
}
