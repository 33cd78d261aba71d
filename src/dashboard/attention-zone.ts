// Which zone of the attention view a session belongs to, and why, decided from its facts alone (pure: the
// clock and the repo config come in as arguments), so every state is covered by one unit test.
import { formatDuration } from "../config/duration.js";
import type { RepoConfig } from "../config/repo-config.js";
import type { Session, SessionState } from "../core/session.js";
import { isEnded } from "../core/session.js";

/** Most urgent first: the order the attention view shows them in. */
export const zones = ["red", "orange", "yellow", "green", "grey"] as const;
export type Zone = (typeof zones)[number];

export interface ZoneVerdict {
  zone: Zone;
  /** Why, in words for the human scanning the list. */
  reason: string;
}

export interface ZoneContext {
  now: number;
  config: RepoConfig;
}

/** States in which the agent is expected to be doing something, so a long silence means it stopped. */
const agentShouldWork: ReadonlySet<SessionState> = new Set(["working", "ci_failed", "changes_requested"]);

const greenReasons: Record<SessionState, string> = {
  queued: "Waiting for a runner that has the repo",
  spawning: "A runner is preparing the workspace",
  working: "The agent is working",
  needs_input: "",
  stuck: "",
  errored: "",
  pr_open: "PR open, CI running",
  ci_failed: "The agent is fixing CI",
  review_pending: "CI green, waiting for a review",
  changes_requested: "The agent is addressing the review",
  approved: "Approved, waiting for CI or mergeability",
  mergeable: "",
  merged: "Merged, cleaning up the workspace",
  done: "Merged",
  closed: "PR closed without merging",
  killed: "Stopped",
};

/**
 * Precedence, first match wins:
 * red    — the agent cannot go on without a human: needs_input, errored, stuck;
 * grey   — ended: merged, done, closed, killed;
 * orange — a human decision is due: ready to merge (mergeable); review changes the agent was asked to make
 *          but did not push before the escalation (or that were never handed to it); merge conflicts the
 *          rebase prompt did not clear;
 * yellow — routine handling ran out: CI still failing after the automatic fixes (or auto-fix is off, or the
 *          agent is gone); the agent idle too long while it had work (no PR yet, CI to fix, a review to address);
 * green  — everything else: Drover or the agent is on it (queued … approved while waiting for CI).
 */
export function attentionZone(session: Session, ctx: ZoneContext): ZoneVerdict {
  const { state, agentFacts: agent, pr, memory } = session;
  const { reactions } = ctx.config;

  if (state === "needs_input")
    return { zone: "red", reason: agent.needsInput?.message ?? "The agent waits for an answer" };
  if (state === "errored") return { zone: "red", reason: capitalize(session.reason ?? "The agent stopped") };
  if (state === "stuck")
    return {
      zone: "red",
      reason: `No activity from the busy agent for over ${formatDuration(reactions["agent-stuck"].after)}`,
    };

  if (isEnded(state)) {
    const reason = state === "killed" && session.reason ? `Stopped: ${session.reason}` : greenReasons[state];
    return { zone: "grey", reason };
  }

  if (state === "mergeable")
    return {
      zone: "orange",
      reason: session.autoMerge
        ? "Ready to merge (auto-merge is on; the merge has not happened yet)"
        : "Approved, CI green, no conflicts: ready to merge",
    };
  if (state === "changes_requested" && memory.deadlines["escalate:changes-requested"] === undefined)
    return { zone: "orange", reason: "Changes requested and not addressed by the agent: decide what next" };
  if (pr?.status === "open" && pr.mergeable === false && state !== "ci_failed") {
    const reaction = reactions["merge-conflicts"];
    const rebaseAsked = memory.rebaseSentForSha === pr.headSha;
    const waiting = memory.deadlines["escalate:merge-conflicts"] !== undefined;
    if (!reaction.enabled || (rebaseAsked && !waiting))
      return { zone: "orange", reason: `Merge conflicts with ${pr.baseRef} the agent did not resolve` };
  }

  if (state === "ci_failed" && pr) {
    const reaction = reactions["ci-failed"];
    const handled = memory.ciHandledShas.includes(pr.headSha);
    const fixing = agent.phase === "running" && agent.busy;
    const tried = memory.ciFixesSent;
    if (!reaction.enabled || !reaction.send)
      return { zone: "yellow", reason: "CI failing (auto-fix is off)" };
    if (handled && !fixing && (tried >= reaction.retries || agent.phase !== "running"))
      return {
        zone: "yellow",
        reason:
          tried > 0
            ? `CI still failing after ${tried} automatic ${tried === 1 ? "fix" : "fixes"}`
            : "CI failing and the agent could not be asked to fix it",
      };
  }

  const idleAfter = reactions["agent-idle-no-pr"].after;
  if (
    agentShouldWork.has(state) &&
    agent.phase === "running" &&
    !agent.busy &&
    !agent.needsInput &&
    ctx.now - agent.lastActivityAt >= idleAfter
  ) {
    const what = state === "working" ? "without a PR" : state === "ci_failed" ? "with CI failing" : "";
    return {
      zone: "yellow",
      reason: `Idle for over ${formatDuration(idleAfter)}${what ? ` ${what}` : " with review changes to make"}`,
    };
  }

  if (state === "ci_failed" && pr) {
    // Drover answers a failure once every check on the head has finished, so one prompt names them all.
    if (!memory.ciHandledShas.includes(pr.headSha))
      return { zone: "green", reason: "CI failing; waiting for the remaining checks" };
    return {
      zone: "green",
      reason: `The agent is fixing CI (attempt ${memory.ciFixesSent} of ${reactions["ci-failed"].retries})`,
    };
  }
  return { zone: "green", reason: greenReasons[state] };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
