// The one way the outside world changes a session: record the event, then carry out its effects (after the
// response when the caller is a webhook, so slow I/O never holds GitHub's 10-second deadline).
import type { SessionEvent } from "../core/events.js";
import type { Session } from "../core/session.js";
import type { AppContext } from "../server/app-context.js";
import { drainOutbox } from "./drain-outbox.js";
import { recordEvent } from "./record-event.js";

export interface HandleOptions {
  repo?: string;
  /** true: wait for the effects; false (default): carry them out after the caller returns. */
  wait?: boolean;
}

export async function handleSessionEvent(
  app: AppContext,
  sessionId: string,
  event: SessionEvent,
  options: HandleOptions = {},
): Promise<Session | undefined> {
  const recorded = await recordEvent(app, sessionId, event, options.repo);
  if (!recorded) return undefined;
  const drained = drainOutbox(app, sessionId);
  if (options.wait) return (await drained) ?? recorded.session;
  app.defer(drained);
  return recorded.session;
}
