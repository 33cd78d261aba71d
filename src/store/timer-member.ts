// One timer's identity as a single string (a sorted-set member, a map key): "<timer key>|<session id>".
// Timer keys never contain "|", so splitting at the first one is unambiguous whatever the session id holds.
import type { TimerKey } from "../core/session.js";
import { timerKeySchema } from "./record-schemas.js";
import { StoreDataError, type StoreErrorContext } from "./store-errors.js";

export function timerMember(sessionId: string, key: TimerKey): string {
  return `${key}|${sessionId}`;
}

export function parseTimerMember(
  member: string,
  context: StoreErrorContext,
): { sessionId: string; key: TimerKey } {
  const bar = member.indexOf("|");
  const key = timerKeySchema.safeParse(member.slice(0, Math.max(bar, 0)));
  if (bar < 0 || !key.success) {
    throw new StoreDataError(
      `Timer "${member}" in the ${context.store} store is not "<timer key>|<session id>" with a known timer key; ` +
        "it was not written by this version of Drover. It has been removed; the session's own deadline still holds.",
      context,
    );
  }
  return { key: key.data, sessionId: member.slice(bar + 1) };
}
