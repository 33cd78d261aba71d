// Hands a delivery's events to the session service one after another (each is atomic; order matters: the PR
// attaches before what happened to it).
import type { SessionEvent } from "../../core/events.js";
import type { AppContext } from "../../server/app-context.js";
import { handleSessionEvent } from "../../sessions/handle-event.js";

export async function recordEvents(
  app: AppContext,
  sessionId: string,
  repo: string,
  events: SessionEvent[],
): Promise<void> {
  for (const event of events) await handleSessionEvent(app, sessionId, event, { repo });
}
