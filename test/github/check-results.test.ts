// GitHub's check runs and commit statuses as the core's check results.
import { describe, expect, it } from "vitest";
import { checkRunResult, commitStatusResult } from "../../src/github/ci/check-results.js";

const run = { name: "test", started_at: "2026-11-22T10:00:00Z", completed_at: "2026-11-22T10:05:00Z" };

describe("check results", () => {
  it("maps conclusions to what the agent can act on, timed by when they happened", () => {
    expect(checkRunResult({ ...run, status: "completed", conclusion: "failure" })).toMatchObject({
      status: "failure",
      outputPending: true,
      at: Date.parse(run.completed_at),
    });
    expect(checkRunResult({ ...run, status: "completed", conclusion: "timed_out" }).status).toBe("failure");
    expect(checkRunResult({ ...run, status: "completed", conclusion: "cancelled" }).status).toBe("neutral");
    expect(checkRunResult({ ...run, status: "completed", conclusion: "skipped" }).status).toBe("neutral");
    expect(checkRunResult({ ...run, status: "completed", conclusion: "action_required" }).status).toBe(
      "pending",
    );
    expect(checkRunResult({ ...run, status: "in_progress" })).toMatchObject({
      status: "pending",
      at: Date.parse(run.started_at),
    });
    expect(checkRunResult({ ...run, status: "completed", conclusion: "success" })).not.toHaveProperty(
      "outputPending",
    );
  });

  it("reads a commit status's state and keeps its description as the output", () => {
    expect(
      commitStatusResult({ context: "ci", state: "error", description: "boom", updated_at: run.started_at }),
    ).toMatchObject({ name: "ci", status: "failure", excerpt: "boom", outputPending: true });
    expect(commitStatusResult({ context: "ci", state: "pending" }).status).toBe("pending");
  });
});
