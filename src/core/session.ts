// What Drover knows about one agent session: the facts it has observed and what it has already done about them.
import type { Priority, RepoConfig } from "../config/repo-config.js";
import type { Effect } from "./effects.js";

export const sessionStates = [
  "queued", // waiting for a runner that has the repo
  "spawning", // a runner took the spawn job and is preparing the workspace
  "working", // the agent is running and has no PR yet
  "needs_input", // the agent asked a question and waits for a human
  "stuck", // the agent was busy but has shown no activity for too long
  "errored", // the agent exited or crashed without finishing
  "pr_open", // a PR is open, CI has not finished
  "ci_failed", // a check failed on the PR's head
  "review_pending", // CI is green (or absent) and the PR waits for a review
  "changes_requested", // a reviewer asked for changes the agent has not pushed yet
  "approved", // approved, but CI or mergeability is not there yet
  "mergeable", // approved, green and conflict-free
  "merged", // the PR was merged; cleanup is under way
  "done", // merged and cleaned up
  "closed", // the PR was closed without merging
  "killed", // a human stopped the session
] as const;
export type SessionState = (typeof sessionStates)[number];

/** States a session never leaves (except merged → done when cleanup finishes). */
export const endedStates: ReadonlySet<SessionState> = new Set(["merged", "done", "closed", "killed"]);

export function isEnded(state: SessionState): boolean {
  return endedStates.has(state);
}

export interface IssueRef {
  tracker: "github" | "linear";
  /** "42" for GitHub, "ENG-123" for Linear. */
  key: string;
  /** GitHub issue number, when the issue lives on GitHub. */
  number?: number;
  title: string;
  url: string;
  body?: string;
  author?: string;
  assignees?: string[];
}

export type CheckStatus = "pending" | "success" | "failure" | "neutral";

export interface CheckFact {
  name: string;
  sha: string;
  status: CheckStatus;
  /** Failing part of the check's output (annotations, job log excerpt), for the fix prompt. */
  excerpt?: string;
  url?: string;
  /** Whether the same check fails on the default branch too, so the agent knows it may not be its fault. */
  failsOnDefaultBranch?: boolean;
  /** When the check reached this status (ms), so a result delivered late cannot replace a newer one. */
  at?: number;
  /** A failure whose output is still being fetched; the fix prompt waits until it is there. */
  outputPending?: boolean;
}

export type ReviewVerdict = "approved" | "changes_requested" | "commented" | "dismissed";

export interface ReviewFact {
  verdict: ReviewVerdict;
  sha: string;
  at: number;
}

export interface PullRequestFacts {
  number: number;
  url: string;
  headSha: string;
  /** When GitHub reported the head (ms), so a push delivered late cannot replace a newer head. */
  headAt?: number;
  baseRef: string;
  status: "open" | "closed" | "merged";
  /** false: GitHub reports a merge conflict; null: not computed yet. */
  mergeable: boolean | null;
  /** Results of checks for the head SHA and for SHAs not seen as a head yet (they may be newer). */
  checks: CheckFact[];
  /** Heads replaced by later pushes: anything about them arriving late is ignored. */
  supersededShas: string[];
  /** Each reviewer's latest review. */
  reviews: Record<string, ReviewFact>;
}

export interface AgentFacts {
  /** Where the agent process is, as the runner sees it. */
  phase: "queued" | "spawning" | "running" | "exited";
  /** Working on a turn (true) or waiting at its prompt (false). */
  busy: boolean;
  /** Busy but silent past the agent-stuck threshold; cleared by any activity. */
  stuck: boolean;
  lastActivityAt: number;
  /** A question the agent is waiting on; `source` ranks what the runtime saw above what the agent said. */
  needsInput?: { message: string; source: "observed" | "self-report"; at: number };
  exitCode?: number | null;
  /** The agent's own session id (Claude's session_id), for cost and resume. */
  agentSessionId?: string;
}

/** Timers a session can have pending; the deadline lives in the session, the store only wakes it up. */
export const timerKeys = [
  "stuck",
  "idle-no-pr",
  "escalate:changes-requested",
  "escalate:bot-comments",
  "escalate:merge-conflicts",
] as const;
export type TimerKey = (typeof timerKeys)[number];

/** What Drover already did, so redeliveries and restarts never repeat an action. */
export interface ReactionMemory {
  /** Fix prompts sent since CI was last green. */
  ciFixesSent: number;
  /** Head SHAs whose failure has been handled (a fix sent or a human told). */
  ciHandledShas: string[];
  /** Review and bot comment ids already handed to the agent. */
  sentCommentIds: string[];
  /** Reviews (reviewer@sha) already handed to the agent. */
  sentReviews: string[];
  /** Head SHA a rebase prompt was sent for. */
  rebaseSentForSha?: string;
  /** Head SHA the ready-to-merge notice (or the merge) was done for. */
  readyHandledSha?: string;
  /** Keys of one-off notifications already sent (e.g. "budget-warning:session"). */
  notified: string[];
  deadlines: Partial<Record<TimerKey, number>>;
}

export interface Session {
  id: string;
  repo: string;
  issue: IssueRef;
  state: SessionState;
  agent: string;
  model?: string;
  /** How the runner runs the agent: the repo config's `runtime` at start (older sessions lack it). */
  runtime?: RepoConfig["runtime"];
  branch: string;
  runnerId?: string;
  /** Sessions spawned together share a batch; the all-complete summary is per batch. */
  batchId?: string;
  autoMerge: boolean;
  createdAt: number;
  updatedAt: number;
  endedAt?: number;
  /** Why the session errored or was stopped, in words for the human. */
  reason?: string;
  agentFacts: AgentFacts;
  pr?: PullRequestFacts;
  memory: ReactionMemory;
  cost: { usd: number; tokens: number };
  /** Ids of the latest events applied, so a replayed event is a no-op. */
  seenEvents: string[];
  /**
   * Effects decided but not yet carried out, written in the same atomic update as the transition that chose
   * them, so a crash between deciding and doing loses nothing (the sweep finishes them). The core never reads it.
   */
  outbox?: PendingEffect[];
}

export interface PendingEffect {
  /** `<event id>/<index>`: stable, so carrying an effect out twice (after a crash) can be recognised. */
  id: string;
  effect: Effect;
  attempts: number;
  /** Not before this time (backoff after a failure). */
  notBefore: number;
  lastError?: string;
}

export interface NewSession {
  id: string;
  repo: string;
  issue: IssueRef;
  agent: string;
  model?: string;
  branch: string;
  batchId?: string;
  autoMerge?: boolean;
  /** Whether some runner has declared this repo; if not, the issue is told the session waits. */
  runnerAvailable: boolean;
  requestedBy?: string;
}

export function emptyMemory(): ReactionMemory {
  return {
    ciFixesSent: 0,
    ciHandledShas: [],
    sentCommentIds: [],
    sentReviews: [],
    notified: [],
    deadlines: {},
  };
}

/** Bounded lists keep a session's size constant however long it lives. */
export function remember<T>(list: readonly T[], item: T, max = 200): T[] {
  return list.includes(item) ? [...list] : [...list, item].slice(-max);
}

export type { Priority };
