// Everything that can happen to a session, already translated from GitHub, the runner, the clock or a human.
import type { CheckStatus, ReviewVerdict, TimerKey } from "./session.js";

export interface CommentFact {
  id: string;
  author: string;
  /** Bots and linters are told apart from people: they get their own reaction. */
  isBot: boolean;
  body: string;
  path?: string;
  line?: number;
  url?: string;
}

export interface CheckResult {
  name: string;
  status: CheckStatus;
  excerpt?: string;
  url?: string;
  failsOnDefaultBranch?: boolean;
  /** When the check reached this status (ms): an older result for the same check and SHA is stale and ignored. */
  at?: number;
  /** A failure whose output is still being fetched: the fix prompt waits for it (the collect_ci_output effect). */
  outputPending?: boolean;
}

export type SessionEventBody =
  // From the runner
  | { type: "spawn.leased"; runnerId: string }
  | { type: "agent.spawned"; runnerId: string; agentSessionId?: string }
  | { type: "agent.activity"; detail?: string; agentSessionId?: string }
  | { type: "agent.idle" }
  | { type: "agent.needs_input"; message: string }
  | { type: "agent.exited"; code: number | null }
  /** The runner took the spawn job but could not start the agent (no checkout, git failed, no agent binary). */
  | { type: "agent.spawn_failed"; runnerId: string; error: string }
  | { type: "agent.self_report"; status: "working" | "needs-input" | "done"; message?: string }
  | { type: "agent.cost"; usd: number; tokens: number; issueUsd?: number; dayUsd?: number }
  | { type: "cleanup.done" }
  // From GitHub
  | { type: "pr.opened"; number: number; url: string; headSha: string; baseRef: string; at?: number }
  /** `at`: when GitHub reported the push (ms); a push reported before the known head's is stale. */
  | { type: "pr.synchronized"; headSha: string; at?: number }
  | { type: "pr.closed"; merged: boolean }
  | { type: "pr.reopened" }
  | { type: "pr.mergeable"; sha: string; mergeable: boolean | null }
  | { type: "ci.result"; sha: string; checks: CheckResult[] }
  | {
      type: "review.submitted";
      reviewer: string;
      verdict: ReviewVerdict;
      sha: string;
      submittedAt: number;
      body?: string;
      comments: CommentFact[];
    }
  | { type: "comments.added"; comments: CommentFact[] }
  // From the clock
  | { type: "timer.due"; key: TimerKey }
  // From humans (PR comments, labels, Slack buttons, dashboard, CLI)
  | { type: "human.kill"; by: string }
  | { type: "human.send"; by: string; message: string }
  | { type: "human.merge"; by: string }
  | { type: "human.wipe"; by: string; workspace: boolean }
  | { type: "human.retry"; by: string }
  | { type: "human.respawn"; by: string }
  | { type: "human.automerge"; by: string; enabled: boolean };

/** An event as the core receives it: `id` makes a replay of the same event a no-op. */
export type SessionEvent = SessionEventBody & { id: string };
export type SessionEventType = SessionEventBody["type"];
