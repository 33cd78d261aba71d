// The attention view's zone mapping: every lifecycle state lands in a zone, and the facts that move a session
// out of green (CI fixes used up, an escalation that fired, an agent idle too long) are read correctly.
import { describe, expect, it } from "vitest";
import { defaultRepoConfig, parseRepoConfig } from "../../src/config/repo-config.js";
import type { Session, SessionState } from "../../src/core/session.js";
import { sessionStates } from "../../src/core/session.js";
import { transition } from "../../src/core/transition.js";
import { attentionZone, type Zone } from "../../src/dashboard/attention-zone.js";
import { context, event, minute, play, sessionIn, sha2 } from "../core/samples.js";

const at = (session: Session, now = session.updatedAt + minute, config = defaultRepoConfig) =>
  attentionZone(session, { now, config });

/** The zone of each state's representative session, reached through realistic events. */
const expected: Record<SessionState, Zone> = {
  queued: "green",
  spawning: "green",
  working: "green",
  needs_input: "red",
  stuck: "red",
  errored: "red",
  pr_open: "green",
  ci_failed: "green", // the first failure: a fix prompt went to the agent
  review_pending: "green",
  changes_requested: "green", // the review went to the agent, the escalation has not fired
  approved: "green", // approved while CI is still running: nothing to decide yet
  mergeable: "orange",
  merged: "grey",
  done: "grey",
  closed: "grey",
  killed: "grey",
};

const sha3 = "c3".repeat(20);

/** Applies a timer when its deadline has passed, as the sweep does. */
function fire(
  session: Session,
  key: keyof Session["memory"]["deadlines"],
  config = defaultRepoConfig,
): Session {
  const due = session.memory.deadlines[key];
  if (due === undefined) throw new Error(`no ${key} deadline on the session`);
  return transition(session, event({ type: "timer.due", key }), context(due + 1, config)).session;
}

describe("attentionZone", () => {
  it.each(sessionStates.map((state) => [state, expected[state]] as const))("puts %s in %s", (state, zone) => {
    const verdict = at(sessionIn(state));
    expect(verdict.zone).toBe(zone);
    expect(verdict.reason.length).toBeGreaterThan(3);
  });

  it("quotes the agent's question for needs_input", () => {
    expect(at(sessionIn("needs_input")).reason).toBe("Which login provider?");
  });

  it("turns CI yellow once the automatic fixes are used up and the agent stopped", () => {
    // Default: two fixes. The first went out with the sample; the agent pushes, and CI fails again.
    const fixAndFail = (s: Session, sha: string) =>
      play(s, [
        { type: "agent.activity", detail: "Edit src/login.ts" },
        { type: "pr.synchronized", headSha: sha },
        { type: "agent.idle" },
        { type: "ci.result", sha, checks: [{ name: "test", status: "failure", excerpt: "1 failing" }] },
      ]);
    let s = fixAndFail(sessionIn("ci_failed"), sha2);
    expect(s.state).toBe("ci_failed");
    expect(s.memory.ciFixesSent).toBe(2);
    // The second fix was just sent: the agent is on it.
    expect(at(s)).toEqual({ zone: "green", reason: "The agent is fixing CI (attempt 2 of 2)" });
    s = fixAndFail(s, sha3);
    expect(at(s)).toEqual({ zone: "yellow", reason: "CI still failing after 2 automatic fixes" });
    // A human's retry hands it back to the agent.
    s = play(s, [{ type: "human.retry", by: "maria" }]);
    expect(at(s).zone).toBe("green");
  });

  it("waits for every check before judging a failing head", () => {
    const s = play(sessionIn("pr_open"), [
      {
        type: "ci.result",
        sha: sessionIn("pr_open").pr!.headSha,
        checks: [
          { name: "test", status: "failure" },
          { name: "lint", status: "pending" },
        ],
      },
    ]);
    expect(s.state).toBe("ci_failed");
    expect(at(s)).toEqual({ zone: "green", reason: "CI failing; waiting for the remaining checks" });
  });

  it("shows CI yellow at once when auto-fix is off", () => {
    const config = parseRepoConfig({ reactions: { "ci-failed": { send: false } } });
    expect(at(sessionIn("ci_failed"), undefined, config)).toEqual({
      zone: "yellow",
      reason: "CI failing (auto-fix is off)",
    });
  });

  it("turns changes_requested orange when the escalation fires", () => {
    let s = play(sessionIn("changes_requested"), [{ type: "agent.activity" }, { type: "agent.idle" }]);
    expect(at(s).zone).toBe("green");
    s = fire(s, "escalate:changes-requested");
    expect(s.state).toBe("changes_requested");
    expect(at(s)).toMatchObject({ zone: "orange", reason: expect.stringContaining("Changes requested") });
  });

  it("turns changes_requested orange at once when the review is not sent to the agent", () => {
    const config = parseRepoConfig({ reactions: { "changes-requested": { send: false } } });
    const s = play(
      sessionIn("review_pending"),
      [
        {
          type: "review.submitted",
          reviewer: "omar",
          verdict: "changes_requested",
          sha: sessionIn("review_pending").pr!.headSha,
          submittedAt: sessionIn("review_pending").updatedAt,
          body: "Please add a test",
          comments: [],
        },
      ],
      config,
    );
    expect(at(s, undefined, config).zone).toBe("orange");
  });

  it("turns merge conflicts orange when the rebase prompt did not clear them", () => {
    const base = sessionIn("review_pending");
    let s = play(base, [{ type: "pr.mergeable", sha: base.pr!.headSha, mergeable: false }]);
    expect(s.memory.rebaseSentForSha).toBe(base.pr!.headSha);
    expect(at(s).zone).toBe("green");
    s = fire(s, "escalate:merge-conflicts");
    expect(at(s)).toEqual({ zone: "orange", reason: "Merge conflicts with main the agent did not resolve" });
  });

  it("turns an agent idle too long without a PR yellow, using the repo's idle threshold", () => {
    const s = play(sessionIn("working"), [{ type: "agent.idle" }]);
    const idleSince = s.agentFacts.lastActivityAt;
    expect(at(s, idleSince + 29 * minute).zone).toBe("green");
    expect(at(s, idleSince + 30 * minute)).toEqual({
      zone: "yellow",
      reason: "Idle for over 30m without a PR",
    });
    const patient = parseRepoConfig({ reactions: { "agent-idle-no-pr": { after: "2h" } } });
    expect(at(s, idleSince + 30 * minute, patient).zone).toBe("green");
  });

  it("keeps a busy agent and one waiting for review green however long it takes", () => {
    const working = sessionIn("working");
    expect(at(working, working.agentFacts.lastActivityAt + 5 * minute).zone).toBe("green");
    const waiting = play(sessionIn("review_pending"), [{ type: "agent.idle" }]);
    expect(at(waiting, waiting.updatedAt + 24 * 60 * minute).zone).toBe("green");
  });

  it("says why a killed session stopped", () => {
    const killed = sessionIn("killed");
    expect(at(killed).zone).toBe("grey");
    expect(at({ ...killed, reason: "per-session budget of $10.00 reached" }).reason).toBe(
      "Stopped: per-session budget of $10.00 reached",
    );
  });
});
