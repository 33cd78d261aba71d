// The outside world as the effect executor sees it. Each integration (GitHub, Slack, Linear…) fills a port;
// a port that is not configured is reported in the session's log, never silently skipped.
import type { Notification } from "../core/effects.js";
import type { CheckResult } from "../core/events.js";
import type { CheckFact, Session } from "../core/session.js";

export type GitHubPermission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

/** Write, maintain and admin may make Drover act (spawn agents, send, kill, merge). */
export function canAct(permission: GitHubPermission): boolean {
  return permission === "admin" || permission === "maintain" || permission === "write";
}

export interface GitHubEffects {
  /** A comment on the session's GitHub issue or on its PR. */
  comment(session: Session, target: "issue" | "pr", body: string): Promise<void>;
  setLabels(session: Session, add: string[], remove: string[]): Promise<void>;
  merge(session: Session): Promise<void>;
  /** Creates or edits the one sticky status comment on the session's PR. */
  updateStatus(session: Session): Promise<void>;
  /** A user's permission on a repo, for commands and buttons that act. */
  permission(repo: string, login: string): Promise<GitHubPermission>;
  /**
   * The failing part of each check's output (annotations, job log excerpt) and whether it also fails on the
   * default branch, for the fix prompt. Slow, so it runs as an effect after the webhook has been answered.
   */
  collectCiOutput?(session: Session, sha: string, checks: CheckFact[]): Promise<CheckResult[]>;
}

/** An issue tracker other than GitHub (Linear): comments go there, and the issue follows the session. */
export interface TrackerEffects {
  commentOnIssue(session: Session, body: string): Promise<void>;
  /** Moves the tracker's issue to match the session (In Progress, In Review, Done…). */
  sessionChanged(session: Session): Promise<void>;
}

export interface Notifier {
  notify(session: Session, notification: Notification): Promise<void>;
}

export interface EffectPorts {
  github?: GitHubEffects;
  linear?: TrackerEffects;
  notifier?: Notifier;
}
