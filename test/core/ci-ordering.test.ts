// Check results and pushes that arrive late or twice, and failures whose output is fetched after the webhook:
// none of them moves a session backwards or sends a fix prompt before the output is in.
import { describe, expect, it } from "vitest";
import type { Effect } from "../../src/core/effects.js";
import type { CheckResult, SessionEventBody } from "../../src/core/events.js";
import type { Session } from "../../src/core/session.js";
import { transition } from "../../src/core/transition.js";
import { outcome } from "./outcome.js";
import { context, event, minute, sessionIn, sha2, t0 } from "./samples.js";

const sha1 = "a1".repeat(20);

function apply(session: Session, body: SessionEventBody, at = session.updatedAt + minute) {
  return transition(session, event(body), context(at));
}

const result = (sha: string, check: CheckResult): SessionEventBody => ({
  type: "ci.result",
  sha,
  checks: [check],
});

const sends = (effects: Effect[]) => effects.filter((e) => e.type === "send_to_agent");

describe("failing checks whose output is fetched later", () => {
  it("marks CI failed at once, asks for the output, and sends the fix prompt only when it is in", () => {
    const failedAt = t0 + 30 * minute;
    const pending = apply(
      sessionIn("pr_open"),
      result(sha1, { name: "test", status: "failure", at: failedAt, outputPending: true }),
    );
    expect(pending.session.state).toBe("ci_failed");
    expect(pending.effects).toContainEqual({ type: "collect_ci_output", sha: sha1, checks: ["test"] });
    expect(sends(pending.effects)).toEqual([]);

    const collected = apply(
      pending.session,
      result(sha1, {
        name: "test",
        status: "failure",
        at: failedAt,
        excerpt: "AssertionError: expected 2 to be 3",
        failsOnDefaultBranch: false,
      }),
    );
    const [fix] = sends(collected.effects);
    expect(fix).toMatchObject({ reason: "ci-failed" });
    expect(fix?.type === "send_to_agent" && fix.message).toContain("AssertionError: expected 2 to be 3");
    expect(collected.effects.some((e) => e.type === "collect_ci_output")).toBe(false);

    // The same failure delivered again (another webhook) neither asks again nor forgets the output.
    const again = apply(
      collected.session,
      result(sha1, { name: "test", status: "failure", at: failedAt, outputPending: true }),
    );
    expect(outcome(collected.session, again)).toBe("ignored");
  });

  it("waits for every failing check's output so one prompt names them all", () => {
    const at = t0 + 30 * minute;
    const both: SessionEventBody = {
      type: "ci.result",
      sha: sha1,
      checks: [
        { name: "test", status: "failure", at, outputPending: true },
        { name: "lint", status: "failure", at, outputPending: true },
      ],
    };
    const pending = apply(sessionIn("pr_open"), both);
    expect(pending.effects).toContainEqual({
      type: "collect_ci_output",
      sha: sha1,
      checks: ["test", "lint"],
    });
    const one = apply(pending.session, result(sha1, { name: "test", status: "failure", at, excerpt: "t" }));
    expect(sends(one.effects)).toEqual([]);
    const two = apply(one.session, result(sha1, { name: "lint", status: "failure", at, excerpt: "l" }));
    expect(sends(two.effects)).toHaveLength(1);
  });
});

describe("results delivered out of order", () => {
  it("ignores an older result for the same check and SHA, and takes a newer one (a re-run)", () => {
    const completed = apply(
      sessionIn("pr_open"),
      result(sha1, { name: "test", status: "success", at: t0 + 30 * minute }),
    );
    expect(completed.session.state).toBe("review_pending");
    const late = apply(
      completed.session,
      result(sha1, { name: "test", status: "pending", at: t0 + 29 * minute }),
    );
    expect(outcome(completed.session, late)).toBe("ignored");
    const rerun = apply(
      completed.session,
      result(sha1, { name: "test", status: "pending", at: t0 + 40 * minute }),
    );
    expect(rerun.session.state).toBe("pr_open");
  });

  it("ignores a push GitHub reported before the head it already knows", () => {
    const opened = apply(sessionIn("working"), {
      type: "pr.opened",
      number: 9,
      url: "https://github.com/acme/web/pull/9",
      headSha: sha2,
      baseRef: "main",
      at: t0 + 30 * minute,
    });
    const stale = apply(opened.session, { type: "pr.synchronized", headSha: sha1, at: t0 + 20 * minute });
    expect(outcome(opened.session, stale)).toBe("ignored");
    const newer = apply(opened.session, { type: "pr.synchronized", headSha: sha1, at: t0 + 40 * minute });
    expect(newer.session.pr).toMatchObject({ headSha: sha1, headAt: t0 + 40 * minute });
    expect(newer.session.pr?.supersededShas).toContain(sha2);
  });
});
