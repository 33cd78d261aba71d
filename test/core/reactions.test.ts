// Reactions in sequence: what Drover tells the agent, when it escalates to a human, and what it never repeats.
import { describe, expect, it } from "vitest";
import { parseRepoConfig, type RepoConfig } from "../../src/config/repo-config.js";
import { summarizeBatch } from "../../src/core/batch.js";
import type { Effect } from "../../src/core/effects.js";
import type { SessionEventBody } from "../../src/core/events.js";
import type { Session } from "../../src/core/session.js";
import { branchFor, startSession } from "../../src/core/start-session.js";
import { transition } from "../../src/core/transition.js";
import { context, event, minute, sessionIn, sha2, t0 } from "./samples.js";

const sha1 = "a1".repeat(20);
const sha3 = "c3".repeat(20);

/** Feeds events at given times and collects every effect. */
function feed(start: Session, steps: [number, SessionEventBody][], config?: RepoConfig) {
  let session = start;
  const effects: Effect[] = [];
  for (const [at, body] of steps) {
    const result = transition(session, event(body), context(at, config));
    session = result.session;
    effects.push(...result.effects);
  }
  return { session, effects };
}

const sent = (effects: Effect[], reason: string) =>
  effects.filter(
    (e): e is Extract<Effect, { type: "send_to_agent" }> => e.type === "send_to_agent" && e.reason === reason,
  );
const notices = (effects: Effect[], kind: string) =>
  effects.filter((e): e is Extract<Effect, { type: "notify" }> => e.type === "notify" && e.kind === kind);
const fail = (sha: string, excerpt = "expected 2, got 3"): SessionEventBody => ({
  type: "ci.result",
  sha,
  checks: [{ name: "test", status: "failure", excerpt, url: "https://ci/1", failsOnDefaultBranch: false }],
});

describe("ci-failed", () => {
  it("names the failing checks with their output once every check on the head has finished", () => {
    const start = sessionIn("pr_open"); // "test" pending on sha1
    const t = start.updatedAt;
    const partial = feed(start, [
      [
        t + minute,
        {
          type: "ci.result",
          sha: sha1,
          checks: [{ name: "lint", status: "failure", excerpt: "no-unused-vars at a.ts:3" }],
        },
      ],
    ]);
    expect(sent(partial.effects, "ci-failed")).toEqual([]);
    const done = feed(partial.session, [[t + 2 * minute, fail(sha1)]]);
    const [fix] = sent(done.effects, "ci-failed");
    expect(fix?.message).toContain("### lint");
    expect(fix?.message).toContain("no-unused-vars at a.ts:3");
    expect(fix?.message).toContain("### test (https://ci/1)");
    expect(fix?.message).toContain("passes on the default branch");
    expect(fix?.message).toContain("attempt 1 of 2");
  });

  it("sends two fixes, then warns a human with Retry and Kill; a green run resets the count", () => {
    const start = sessionIn("pr_open");
    const t = start.updatedAt;
    const { session, effects } = feed(start, [
      [t + 1 * minute, fail(sha1)],
      [t + 2 * minute, { type: "pr.synchronized", headSha: sha2 }],
      [t + 3 * minute, fail(sha2)],
      [t + 4 * minute, { type: "pr.synchronized", headSha: sha3 }],
      [t + 5 * minute, fail(sha3)],
    ]);
    expect(sent(effects, "ci-failed")).toHaveLength(2);
    const [warning] = notices(effects, "ci-failed");
    expect(warning).toMatchObject({ priority: "warning", actions: ["retry", "kill", "open"] });
    expect(warning?.body).toContain("after 2 automatic fixes");
    const retried = feed(session, [[t + 6 * minute, { type: "human.retry", by: "maria" }]]);
    expect(sent(retried.effects, "ci-failed")).toHaveLength(1);
    const green = feed(retried.session, [
      [t + 7 * minute, { type: "ci.result", sha: sha3, checks: [{ name: "test", status: "success" }] }],
    ]);
    expect(green.session.memory.ciFixesSent).toBe(0);
    expect(green.session.state).toBe("review_pending");
  });

  it("tells a human at once when sending is turned off, and nothing when disabled", () => {
    const start = sessionIn("pr_open");
    const t = start.updatedAt + minute;
    const noSend = feed(
      start,
      [[t, fail(sha1)]],
      parseRepoConfig({ reactions: { "ci-failed": { send: false } } }),
    );
    expect(sent(noSend.effects, "ci-failed")).toEqual([]);
    expect(notices(noSend.effects, "ci-failed")).toHaveLength(1);
    const off = feed(
      start,
      [[t, fail(sha1)]],
      parseRepoConfig({ reactions: { "ci-failed": { enabled: false } } }),
    );
    expect(off.effects.filter((e) => e.type === "send_to_agent" || e.type === "notify")).toEqual([]);
  });
});

describe("out of order", () => {
  it("ignores results for a replaced head, and keeps results that arrive before their push", () => {
    const start = sessionIn("pr_open");
    const t = start.updatedAt;
    const early = feed(start, [
      [t + minute, { type: "ci.result", sha: sha2, checks: [{ name: "test", status: "success" }] }],
      [t + 2 * minute, { type: "pr.synchronized", headSha: sha2 }],
    ]);
    expect(early.session.state).toBe("review_pending");
    const late = feed(early.session, [[t + 3 * minute, fail(sha1)]]);
    expect(late.session.state).toBe("review_pending");
    expect(late.effects).toEqual([]);
    const stalePush = feed(late.session, [[t + 4 * minute, { type: "pr.synchronized", headSha: sha1 }]]);
    expect(stalePush.session.pr?.headSha).toBe(sha2);
  });

  it("ignores a review older than the reviewer's latest", () => {
    const start = sessionIn("approved");
    const t = start.updatedAt;
    const stale = feed(start, [
      [
        t + minute,
        {
          type: "review.submitted",
          reviewer: "omar",
          verdict: "changes_requested",
          sha: sha1,
          submittedAt: t0 - 5 * minute,
          comments: [],
        },
      ],
    ]);
    expect(stale.session.state).toBe("approved");
    expect(sent(stale.effects, "changes-requested")).toEqual([]);
  });
});

describe("changes-requested", () => {
  const review: SessionEventBody = {
    type: "review.submitted",
    reviewer: "omar",
    verdict: "changes_requested",
    sha: sha1,
    submittedAt: t0 + 30 * minute,
    body: "Needs a test for the redirect",
    comments: [
      { id: "c1", author: "omar", isBot: false, body: "Use a constant here", path: "src/login.ts", line: 12 },
      { id: "c2", author: "omar", isBot: false, body: "Typo", path: "README.md", line: 3 },
    ],
  };

  it("hands every comment to the agent with file:line, once, and escalates after 30 minutes", () => {
    const start = sessionIn("review_pending");
    const t = start.updatedAt;
    const asked = feed(start, [[t + minute, review]]);
    const [prompt] = sent(asked.effects, "changes-requested");
    expect(prompt?.message).toContain("[src/login.ts:12] @omar: Use a constant here");
    expect(prompt?.message).toContain("[README.md:3] @omar: Typo");
    expect(prompt?.message).toContain("Review by @omar: Needs a test for the redirect");
    expect(asked.effects).toContainEqual({
      type: "schedule_timer",
      key: "escalate:changes-requested",
      at: t + 31 * minute,
    });
    const again = feed(asked.session, [
      [
        t + 2 * minute,
        { type: "comments.added", comments: review.type === "review.submitted" ? review.comments : [] },
      ],
    ]);
    expect(sent(again.effects, "changes-requested")).toEqual([]);
    const due = feed(again.session, [
      [t + 31 * minute, { type: "timer.due", key: "escalate:changes-requested" }],
    ]);
    expect(notices(due.effects, "changes-requested-escalated")).toHaveLength(1);
  });

  it("does not escalate once the agent has pushed", () => {
    const start = sessionIn("review_pending");
    const t = start.updatedAt;
    const { session, effects } = feed(start, [
      [t + minute, review],
      [t + 10 * minute, { type: "pr.synchronized", headSha: sha2 }],
      [t + 31 * minute, { type: "timer.due", key: "escalate:changes-requested" }],
    ]);
    expect(effects).toContainEqual({ type: "cancel_timer", key: "escalate:changes-requested" });
    expect(notices(effects, "changes-requested-escalated")).toEqual([]);
    expect(session.state).toBe("pr_open");
  });
});

describe("bot comments and conflicts", () => {
  it("sends bot comments as their own prompt and escalates after 30 minutes without a push", () => {
    const start = sessionIn("review_pending");
    const t = start.updatedAt;
    const { effects } = feed(start, [
      [
        t + minute,
        {
          type: "comments.added",
          comments: [
            { id: "b1", author: "sonar[bot]", isBot: true, body: "Duplicated block", path: "a.ts", line: 9 },
          ],
        },
      ],
      [t + 31 * minute, { type: "timer.due", key: "escalate:bot-comments" }],
    ]);
    expect(sent(effects, "bot-comments")[0]?.message).toContain("[a.ts:9] @sonar[bot]: Duplicated block");
    expect(notices(effects, "bot-comments-escalated")).toHaveLength(1);
  });

  it("asks for a rebase once per head and escalates after 15 minutes", () => {
    const start = sessionIn("review_pending");
    const t = start.updatedAt;
    const { effects } = feed(start, [
      [t + minute, { type: "pr.mergeable", sha: sha1, mergeable: false }],
      [t + 2 * minute, { type: "pr.mergeable", sha: sha1, mergeable: false }],
      [t + 16 * minute, { type: "timer.due", key: "escalate:merge-conflicts" }],
    ]);
    expect(sent(effects, "merge-conflicts")).toHaveLength(1);
    expect(sent(effects, "merge-conflicts")[0]?.message).toContain("origin/main");
    expect(notices(effects, "merge-conflicts-escalated")).toHaveLength(1);
  });
});

describe("approved and green", () => {
  it("tells a human it is ready once, with a Merge button", () => {
    const start = sessionIn("review_pending");
    const t = start.updatedAt;
    const { session, effects } = feed(start, [
      [
        t + minute,
        {
          type: "review.submitted",
          reviewer: "omar",
          verdict: "approved",
          sha: sha1,
          submittedAt: t0 + 40 * minute,
          comments: [],
        },
      ],
      [t + 2 * minute, { type: "pr.mergeable", sha: sha1, mergeable: true }],
      [t + 3 * minute, { type: "pr.mergeable", sha: sha1, mergeable: true }],
    ]);
    expect(session.state).toBe("mergeable");
    expect(notices(effects, "ready-to-merge")).toEqual([
      expect.objectContaining({ priority: "action", actions: ["merge", "open"] }),
    ]);
    expect(effects.filter((e) => e.type === "merge")).toEqual([]);
  });

  it("merges instead when auto-merge is on", () => {
    const start = sessionIn("approved");
    const t = start.updatedAt;
    const { effects } = feed(start, [
      [t + minute, { type: "human.automerge", by: "maria", enabled: true }],
      [t + 2 * minute, { type: "ci.result", sha: sha1, checks: [{ name: "test", status: "success" }] }],
      [t + 3 * minute, { type: "pr.mergeable", sha: sha1, mergeable: true }],
    ]);
    expect(effects.filter((e) => e.type === "merge")).toHaveLength(1);
    expect(notices(effects, "ready-to-merge")).toEqual([]);
  });

  it("cleans up after the merge and is done when the runner says so", () => {
    const merged = sessionIn("merged");
    expect(merged.endedAt).toBeDefined();
    const { session } = feed(merged, [[merged.updatedAt + minute, { type: "cleanup.done" }]]);
    expect(session.state).toBe("done");
  });
});

describe("the agent", () => {
  it("is stuck after 10 quiet minutes while busy, and not while it shows activity", () => {
    const working = sessionIn("working");
    const t = working.updatedAt;
    const busy = feed(working, [
      [t + 6 * minute, { type: "agent.activity" }],
      [t + 10 * minute, { type: "timer.due", key: "stuck" }],
    ]);
    expect(busy.session.state).toBe("working");
    expect(busy.effects).toContainEqual({ type: "schedule_timer", key: "stuck", at: t + 16 * minute });
    const quiet = feed(busy.session, [[t + 16 * minute, { type: "timer.due", key: "stuck" }]]);
    expect(quiet.session.state).toBe("stuck");
    expect(notices(quiet.effects, "stuck")[0]).toMatchObject({ priority: "urgent" });
  });

  it("warns when it sits idle without a PR for 30 minutes", () => {
    const working = sessionIn("working");
    const t = working.updatedAt;
    const { effects } = feed(working, [
      [t + minute, { type: "agent.idle" }],
      [t + 31 * minute, { type: "timer.due", key: "idle-no-pr" }],
    ]);
    expect(notices(effects, "idle-no-pr")[0]).toMatchObject({ priority: "warning" });
  });

  it("asks a human urgently when the agent needs input, and a reply resumes it", () => {
    const asking = sessionIn("needs_input");
    expect(asking.agentFacts.needsInput?.message).toBe("Which login provider?");
    const { session, effects } = feed(asking, [
      [asking.updatedAt + minute, { type: "human.send", by: "maria", message: "GitHub" }],
    ]);
    expect(session.state).toBe("working");
    expect(effects).toContainEqual({
      type: "send_to_agent",
      message: "GitHub",
      reason: "message from @maria",
    });
  });

  it("respawns a crashed agent with a recovery prompt", () => {
    const errored = sessionIn("errored");
    expect(errored.reason).toBe("the agent exited with code 1");
    const { session, effects } = feed(errored, [
      [errored.updatedAt + minute, { type: "human.respawn", by: "maria" }],
    ]);
    const spawn = effects.find((e) => e.type === "enqueue_job" && e.job.kind === "spawn");
    expect(spawn).toMatchObject({ job: { recovery: true, sessionId: errored.id } });
    expect(spawn?.type === "enqueue_job" && spawn.job.kind === "spawn" && spawn.job.prompt).toContain(
      "carry on from where you were",
    );
    expect(session.state).toBe("queued");
  });
});

describe("cost", () => {
  it("refreshes the status comment each whole dollar, not on every report", () => {
    const working = sessionIn("working");
    const t = working.updatedAt;
    const { effects } = feed(working, [
      [t + minute, { type: "agent.cost", usd: 0.4, tokens: 1e4 }],
      [t + 2 * minute, { type: "agent.cost", usd: 0.9, tokens: 2e4 }],
      [t + 3 * minute, { type: "agent.cost", usd: 1.1, tokens: 3e4 }],
      [t + 4 * minute, { type: "agent.cost", usd: 1.6, tokens: 4e4 }],
    ]);
    expect(effects.filter((e) => e.type === "update_status")).toHaveLength(1);
  });
});

describe("budgets", () => {
  it("warns at 80% and stops the agent at the limit", () => {
    const config = parseRepoConfig({ budgets: { perSession: 10 } });
    const working = sessionIn("working");
    const t = working.updatedAt;
    const { session, effects } = feed(
      working,
      [
        [t + minute, { type: "agent.cost", usd: 8.5, tokens: 1e6 }],
        [t + 2 * minute, { type: "agent.cost", usd: 9, tokens: 1.1e6 }],
        [t + 3 * minute, { type: "agent.cost", usd: 10.2, tokens: 1.2e6 }],
      ],
      config,
    );
    expect(notices(effects, "budget-warning")).toHaveLength(1);
    expect(notices(effects, "budget-stop")).toHaveLength(1);
    expect(effects).toContainEqual({ type: "enqueue_job", job: { kind: "kill", sessionId: working.id } });
    expect(session.state).toBe("killed");
    expect(session.reason).toContain("per-session budget of $10.00");
  });
});

describe("starting", () => {
  it("queues a spawn job and says so on the issue when no runner has the repo", () => {
    const { session, effects } = startSession(
      {
        id: "web-7",
        repo: "acme/web",
        issue: {
          tracker: "github",
          key: "7",
          number: 7,
          title: "Dark mode",
          url: "https://github.com/acme/web/issues/7",
        },
        agent: "claude-code",
        branch: branchFor("7", "Dark mode"),
        runnerAvailable: false,
      },
      context(t0),
    );
    expect(session.state).toBe("queued");
    expect(session.branch).toBe("drover/7-dark-mode");
    expect(effects[0]).toMatchObject({
      type: "enqueue_job",
      job: { kind: "spawn", repo: "acme/web", recovery: false },
    });
    expect(effects.find((e) => e.type === "comment")).toMatchObject({ target: "issue" });
  });

  it("names branches from the issue key and a short slug", () => {
    expect(branchFor("ENG-12", "Make the API faster!! (again)")).toBe(
      "drover/eng-12-make-the-api-faster-again",
    );
    expect(branchFor("9", "")).toBe("drover/9");
  });
});

describe("all complete", () => {
  it("summarizes a batch only when every session has settled", () => {
    const sessions = [sessionIn("merged"), sessionIn("review_pending"), sessionIn("errored")];
    expect(summarizeBatch(sessions)?.text).toBe("3 sessions done: 1 merged, 1 need review, 1 failed");
    expect(summarizeBatch([...sessions, sessionIn("working")])).toBeUndefined();
  });
});
