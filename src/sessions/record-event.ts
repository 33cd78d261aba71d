// Applies one event to a stored session atomically: the transition and the effects it chose are written
// together (the effects into the session's outbox), then the event goes on the session's log.
import type { SessionEvent } from "../core/events.js";
import type { PendingEffect, Session } from "../core/session.js";
import { transition } from "../core/transition.js";
import type { AppContext } from "../server/app-context.js";
import { describeEffect, describeEvent } from "./describe.js";

export interface Recorded {
  session: Session;
  /** The effects this event added to the outbox. */
  pending: PendingEffect[];
}

/**
 * Undefined when the session does not exist or the event changed nothing (a replay, an ignored event).
 * Carry the effects out with drainOutbox.
 */
export async function recordEvent(
  app: AppContext,
  sessionId: string,
  event: SessionEvent,
  repo?: string,
): Promise<Recorded | undefined> {
  const repoName = repo ?? (await app.store.getSession(sessionId))?.repo;
  if (!repoName) return undefined;
  const config = await app.repoConfig(repoName);
  const now = app.now();
  const outcome = await app.store.updateSession(sessionId, (current) => {
    const { session, effects } = transition(current, event, { now, config });
    if (session === current) return undefined;
    const pending = effects.map(
      (effect, index): PendingEffect => ({ id: `${event.id}/${index}`, effect, attempts: 0, notBefore: now }),
    );
    return { session: { ...session, outbox: [...(current.outbox ?? []), ...pending] }, result: pending };
  });
  if (!outcome) return undefined;
  await app.store.appendLog(sessionId, [
    { at: now, kind: "event", summary: describeEvent(event), data: { id: event.id, type: event.type } },
    ...outcome.result.map((p) => ({ at: now, kind: "effect", summary: describeEffect(p.effect) })),
  ]);
  return { session: outcome.session, pending: outcome.result };
}
