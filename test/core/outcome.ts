// How the lifecycle table names what an event did to a session: the new state, or "ignored" when nothing changed.
import type { TransitionResult } from "../../src/core/context.js";
import type { Session } from "../../src/core/session.js";

/** The session minus the bookkeeping every applied event touches (seen ids, update time). */
export function substance(session: Session): Omit<Session, "seenEvents" | "updatedAt"> {
  const { seenEvents: _seen, updatedAt: _updated, ...rest } = session;
  return rest;
}

export function outcome(before: Session, result: TransitionResult): string {
  const unchanged = JSON.stringify(substance(before)) === JSON.stringify(substance(result.session));
  return unchanged && result.effects.length === 0 ? "ignored" : result.session.state;
}
