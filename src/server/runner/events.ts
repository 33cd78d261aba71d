// POST /api/runner/events: a batch of what the runner saw, applied in order; a batch sent twice is applied once.
import type { IncomingMessage, ServerResponse } from "node:http";
import { bodyLimits } from "../../protocol/limits.js";
import { type EventsResponse, eventsRequestSchema } from "../../protocol/runner-events.js";
import { protocolVersion } from "../../protocol/version.js";
import { drainOutbox } from "../../sessions/drain-outbox.js";
import type { AppContext } from "../app-context.js";
import { HttpError, readJson, sendJson } from "../http.js";
import { applyRunnerEvent } from "./apply-runner-event.js";
import { authenticateRunner } from "./authenticate.js";
import { authorizeEvents } from "./authorize-events.js";

export async function handleRunnerEvents(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const runner = await authenticateRunner(app, req);
  const body = await readJson(req, eventsRequestSchema, bodyLimits.events);
  const { context, forbidden } = await authorizeEvents(app, runner, body.events);
  if (forbidden.length > 0) {
    const first = forbidden[0]!;
    throw new HttpError(
      403,
      `Event ${first.seq} is refused: ${first.reason}. Nothing of this batch was applied; drop the refused events and send the rest again.`,
      { forbidden },
    );
  }
  const ctx = { ...context, runner, stream: body.stream, touched: new Set<string>() };
  const stale: number[] = [];
  for (const event of body.events) {
    if ((await applyRunnerEvent(app, event, ctx)) === "stale") stale.push(event.seq);
  }
  // One drain per session after the whole batch, instead of one per event racing each other.
  for (const sessionId of ctx.touched) app.defer(drainOutbox(app, sessionId));
  const reply: EventsResponse = { protocol: protocolVersion, lastSeq: body.events.at(-1)!.seq, stale };
  sendJson(res, 200, reply);
}
