// GitHub's check runs and commit statuses as the core's check results. A failure is marked as waiting for its
// output, which the collect_ci_output effect fetches after the webhook has been answered.
import type { CheckResult } from "../../core/events.js";
import type { CheckStatus } from "../../core/session.js";
import { timeOf } from "../time-of.js";

const conclusions: Record<string, CheckStatus> = {
  success: "success",
  neutral: "neutral",
  skipped: "neutral",
  // Cancelled and stale runs say nothing about the code (a newer run usually replaced them).
  cancelled: "neutral",
  stale: "neutral",
  failure: "failure",
  timed_out: "failure",
  startup_failure: "failure",
  // Waits for a person (an approval); not something the agent can fix.
  action_required: "pending",
};

export interface CheckRunLike {
  name: string;
  status: string;
  conclusion?: string | null;
  started_at?: string | null;
  completed_at?: string | null;
  details_url?: string | null;
  html_url?: string | null;
}

export function checkRunResult(run: CheckRunLike): CheckResult {
  const status: CheckStatus =
    run.status === "completed" ? (conclusions[run.conclusion ?? ""] ?? "neutral") : "pending";
  const at = timeOf(run.status === "completed" ? (run.completed_at ?? run.started_at) : run.started_at);
  const url = run.details_url ?? run.html_url;
  return {
    name: run.name,
    status,
    ...(at === undefined ? {} : { at }),
    ...(url ? { url } : {}),
    ...(status === "failure" ? { outputPending: true } : {}),
  };
}

export interface CommitStatusLike {
  context: string;
  state: string;
  description?: string | null;
  target_url?: string | null;
  updated_at?: string | null;
}

export function commitStatusResult(status: CommitStatusLike): CheckResult {
  const state: CheckStatus =
    status.state === "success" ? "success" : status.state === "pending" ? "pending" : "failure";
  const at = timeOf(status.updated_at);
  return {
    name: status.context,
    status: state,
    ...(at === undefined ? {} : { at }),
    ...(status.target_url ? { url: status.target_url } : {}),
    // A status has no log; the description is its output, and the default branch is still to be looked at.
    ...(state === "failure"
      ? { outputPending: true, ...(status.description ? { excerpt: status.description } : {}) }
      : {}),
  };
}
