// The sessions a human should look at, most pressing first, each with why in a few words.
import type { Session, SessionState } from "../core/session.js";
import type { Store } from "../store/store.js";

const why: Partial<Record<SessionState, (s: Session) => string>> = {
  needs_input: (s) => `asks: ${s.agentFacts.needsInput?.message ?? "a question"}`,
  stuck: () => "stuck: no activity while working",
  errored: (s) => `stopped: ${s.reason ?? "the agent exited"}`,
  ci_failed: () => "CI failing",
  mergeable: () => "ready to merge",
  review_pending: () => "waiting for a review",
};

/** Most pressing first: the order of `why`. */
const order = Object.keys(why) as SessionState[];

export interface Attention {
  session: Session;
  reason: string;
}

export async function sessionsNeedingAttention(store: Store): Promise<Attention[]> {
  const sessions = await store.listSessions({ states: order });
  return sessions
    .map((session) => ({ session, reason: why[session.state]?.(session) ?? session.state }))
    .sort(
      (a, b) =>
        order.indexOf(a.session.state) - order.indexOf(b.session.state) ||
        a.session.updatedAt - b.session.updatedAt,
    );
}
