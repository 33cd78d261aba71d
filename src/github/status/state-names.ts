// Session states as people read them in comments.
import type { SessionState } from "../../core/session.js";

export const stateNames: Record<SessionState, string> = {
  queued: "Queued",
  spawning: "Starting",
  working: "Working",
  needs_input: "Needs input",
  stuck: "Stuck",
  errored: "Agent stopped",
  pr_open: "PR open",
  ci_failed: "CI failed",
  review_pending: "Waiting for review",
  changes_requested: "Changes requested",
  approved: "Approved",
  mergeable: "Ready to merge",
  merged: "Merged",
  done: "Done",
  closed: "Closed",
  killed: "Stopped",
};
