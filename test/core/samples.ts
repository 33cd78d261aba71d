// Representative sessions in every state and one sample of every kind of event, for the lifecycle table,
// the property tests and the generated diagram in docs/lifecycle.md.
import { defaultRepoConfig, type RepoConfig } from "../../src/config/repo-config.js";
import type { TransitionContext } from "../../src/core/context.js";
import type { SessionEvent, SessionEventBody } from "../../src/core/events.js";
import type { Session, SessionState } from "../../src/core/session.js";
import { startSession } from "../../src/core/start-session.js";
import { transition } from "../../src/core/transition.js";

export const t0 = Date.UTC(2026, 10, 22, 9, 0, 0);
export const minute = 60_000;

export function context(now: number, config: RepoConfig = defaultRepoConfig): TransitionContext {
  return { now, config };
}

export function newSession(now = t0, config: RepoConfig = defaultRepoConfig): Session {
  return startSession(
    {
      id: "web-42",
      repo: "acme/web",
      issue: {
        tracker: "github",
        key: "42",
        number: 42,
        title: "Fix the login redirect",
        url: "https://github.com/acme/web/issues/42",
        author: "maria",
      },
      agent: "claude-code",
      branch: "drover/42-fix-the-login-redirect",
      batchId: "batch-1",
      runnerAvailable: true,
    },
    context(now, config),
  ).session;
}

let counter = 0;
export function event(body: SessionEventBody): SessionEvent {
  counter += 1;
  return { ...body, id: `e${counter}` } as SessionEvent;
}

/** Applies events one minute apart, starting one minute after the session's last update. */
export function play(
  session: Session,
  bodies: SessionEventBody[],
  config: RepoConfig = defaultRepoConfig,
): Session {
  let s = session;
  for (const body of bodies) s = transition(s, event(body), context(s.updatedAt + minute, config)).session;
  return s;
}

const sha1 = "a1".repeat(20);
export const sha2 = "b2".repeat(20);

const steps: Record<SessionState, { from?: SessionState; events: SessionEventBody[] }> = {
  queued: { events: [] },
  spawning: { from: "queued", events: [{ type: "spawn.leased", runnerId: "laptop" }] },
  working: {
    from: "spawning",
    events: [{ type: "agent.spawned", runnerId: "laptop", agentSessionId: "c-1" }],
  },
  needs_input: { from: "working", events: [{ type: "agent.needs_input", message: "Which login provider?" }] },
  stuck: { from: "working", events: [] }, // built below: needs the clock to move
  errored: { from: "working", events: [{ type: "agent.exited", code: 1 }] },
  pr_open: {
    from: "working",
    events: [
      {
        type: "pr.opened",
        number: 7,
        url: "https://github.com/acme/web/pull/7",
        headSha: sha1,
        baseRef: "main",
      },
      { type: "ci.result", sha: sha1, checks: [{ name: "test", status: "pending" }] },
    ],
  },
  ci_failed: {
    from: "pr_open",
    events: [
      { type: "ci.result", sha: sha1, checks: [{ name: "test", status: "failure", excerpt: "1 failing" }] },
    ],
  },
  review_pending: {
    from: "pr_open",
    events: [{ type: "ci.result", sha: sha1, checks: [{ name: "test", status: "success" }] }],
  },
  changes_requested: {
    from: "review_pending",
    events: [
      {
        type: "review.submitted",
        reviewer: "omar",
        verdict: "changes_requested",
        sha: sha1,
        submittedAt: t0,
        body: "Please add a test",
        comments: [],
      },
    ],
  },
  approved: {
    from: "pr_open",
    events: [
      {
        type: "review.submitted",
        reviewer: "omar",
        verdict: "approved",
        sha: sha1,
        submittedAt: t0,
        comments: [],
      },
    ],
  },
  mergeable: {
    from: "review_pending",
    events: [
      {
        type: "review.submitted",
        reviewer: "omar",
        verdict: "approved",
        sha: sha1,
        submittedAt: t0,
        comments: [],
      },
      { type: "pr.mergeable", sha: sha1, mergeable: true },
    ],
  },
  merged: { from: "mergeable", events: [{ type: "pr.closed", merged: true }] },
  done: { from: "merged", events: [{ type: "cleanup.done" }] },
  closed: { from: "pr_open", events: [{ type: "pr.closed", merged: false }] },
  killed: { from: "working", events: [{ type: "human.kill", by: "maria" }] },
};

const cache = new Map<SessionState, Session>();

/** A realistic session in `state`, reached through the events that lead there. */
export function sessionIn(state: SessionState): Session {
  const cached = cache.get(state);
  if (cached) return cached;
  const step = steps[state];
  let s = step.from ? sessionIn(step.from) : newSession();
  if (state === "stuck") {
    const due = s.memory.deadlines.stuck!;
    s = transition(s, event({ type: "timer.due", key: "stuck" }), context(due + 1)).session;
  } else s = play(s, step.events);
  if (s.state !== state) throw new Error(`sample for ${state} ended in ${s.state}`);
  cache.set(state, s);
  return s;
}

/** One sample of every event kind, named for the table. */
export const sampleEvents: Record<string, SessionEventBody> = {
  "spawn.leased": { type: "spawn.leased", runnerId: "desktop" },
  "agent.spawned": { type: "agent.spawned", runnerId: "laptop", agentSessionId: "c-2" },
  "agent.activity": { type: "agent.activity", detail: "Edit src/login.ts" },
  "agent.idle": { type: "agent.idle" },
  "agent.needs_input": { type: "agent.needs_input", message: "Should I drop the old endpoint?" },
  "agent.exited(1)": { type: "agent.exited", code: 1 },
  "agent.exited(0)": { type: "agent.exited", code: 0 },
  "agent.spawn_failed": { type: "agent.spawn_failed", runnerId: "laptop", error: "no checkout of acme/web" },
  "agent.self_report(needs-input)": {
    type: "agent.self_report",
    status: "needs-input",
    message: "Which color?",
  },
  "agent.self_report(done)": { type: "agent.self_report", status: "done" },
  "agent.cost": { type: "agent.cost", usd: 1.25, tokens: 120_000 },
  "cleanup.done": { type: "cleanup.done" },
  "pr.opened": {
    type: "pr.opened",
    number: 9,
    url: "https://github.com/acme/web/pull/9",
    headSha: "c3".repeat(20),
    baseRef: "main",
  },
  "pr.synchronized": { type: "pr.synchronized", headSha: sha2 },
  "pr.closed(merged)": { type: "pr.closed", merged: true },
  "pr.closed(unmerged)": { type: "pr.closed", merged: false },
  "pr.reopened": { type: "pr.reopened" },
  "pr.mergeable(false)": { type: "pr.mergeable", sha: sha1, mergeable: false },
  "ci.result(failure)": {
    type: "ci.result",
    sha: sha1,
    checks: [{ name: "lint", status: "failure", excerpt: "no-unused-vars" }],
  },
  "ci.result(failure, output pending)": {
    type: "ci.result",
    sha: sha1,
    checks: [{ name: "lint", status: "failure", at: t0 + 30 * minute, outputPending: true }],
  },
  "ci.result(success)": {
    type: "ci.result",
    sha: sha1,
    checks: [
      { name: "test", status: "success" },
      { name: "lint", status: "success" },
    ],
  },
  "review(approved)": {
    type: "review.submitted",
    reviewer: "lena",
    verdict: "approved",
    sha: sha1,
    submittedAt: t0 + 10 * minute,
    comments: [],
  },
  "review(changes)": {
    type: "review.submitted",
    reviewer: "lena",
    verdict: "changes_requested",
    sha: sha1,
    submittedAt: t0 + 10 * minute,
    body: "Needs a test",
    comments: [
      { id: "rc-1", author: "lena", isBot: false, body: "Rename this", path: "src/login.ts", line: 12 },
    ],
  },
  "comments.added(bot)": {
    type: "comments.added",
    comments: [
      { id: "bc-1", author: "linter[bot]", isBot: true, body: "Unused import", path: "src/a.ts", line: 3 },
    ],
  },
  "timer.due(stuck)": { type: "timer.due", key: "stuck" },
  "human.kill": { type: "human.kill", by: "maria" },
  "human.send": { type: "human.send", by: "maria", message: "Use the v2 API" },
  "human.merge": { type: "human.merge", by: "maria" },
  "human.wipe": { type: "human.wipe", by: "maria", workspace: true },
  "human.retry": { type: "human.retry", by: "maria" },
  "human.respawn": { type: "human.respawn", by: "maria" },
  "human.automerge": { type: "human.automerge", by: "maria", enabled: true },
};
