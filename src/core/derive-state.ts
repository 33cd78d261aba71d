// A session's state follows from its facts, in a fixed order of precedence, so no event order can confuse it.
import { ciStatus } from "./ci-status.js";
import { reviewStatus } from "./review-status.js";
import type { Session, SessionState } from "./session.js";
import { isEnded } from "./session.js";

/**
 * Precedence, highest first: ended states stay ended; the PR merged or closed; an agent that died with work
 * left; a question the runtime saw; a busy agent gone silent; CI failing; changes requested; approved and
 * mergeable; approved; the agent's own report; waiting for review; the spawn's progress.
 */
export function deriveState(session: Session): SessionState {
  if (isEnded(session.state)) return session.state;
  const { agentFacts: agent, pr } = session;
  if (pr?.status === "merged") return "merged";
  if (pr?.status === "closed") return "closed";
  if (agent.phase === "exited" && (agent.exitCode !== 0 || !pr)) return "errored";
  if (agent.needsInput?.source === "observed") return "needs_input";
  if (agent.phase === "running" && agent.busy && agent.stuck) return "stuck";
  if (pr) {
    const ci = ciStatus(pr);
    const review = reviewStatus(pr);
    if (ci === "failing") return "ci_failed";
    if (review === "changes_requested") return "changes_requested";
    // A repo without CI is green once GitHub says the PR can merge; until checks report, it is just open.
    const green = ci === "passing" || ci === "none";
    if (review === "approved" && green && pr.mergeable === true) return "mergeable";
    if (review === "approved") return "approved";
    if (agent.needsInput) return "needs_input";
    return ci === "passing" ? "review_pending" : "pr_open";
  }
  if (agent.needsInput) return "needs_input";
  if (agent.phase === "queued") return "queued";
  if (agent.phase === "spawning") return "spawning";
  return "working";
}
