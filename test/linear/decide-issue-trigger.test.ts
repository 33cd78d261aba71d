// The pure decision behind the webhook: only a newly added label or a new assignment to the configured user, in
// a mapped team, hands an issue to Drover.
import { describe, expect, it } from "vitest";
import { decideIssueTrigger } from "../../src/linear/decide-issue-trigger.js";
import { type LinearIssue, linearIssueSchema } from "../../src/linear/linear-webhook-payload.js";

const settings = { teams: new Map([["ENG", "acme/web"]]), label: "drover", assignee: "user-bot" };

function issue(overrides: Partial<LinearIssue> = {}): LinearIssue {
  return linearIssueSchema.parse({
    id: "issue-1",
    identifier: "ENG-12",
    title: "Fix login",
    url: "https://linear.app/acme/issue/eng-12",
    teamId: "team-eng",
    labels: [{ id: "label-drover", name: "drover" }],
    labelIds: ["label-drover"],
    ...overrides,
  });
}

describe("decideIssueTrigger", () => {
  it("finds the team from the issue key when the payload has no team object", () => {
    expect(decideIssueTrigger("create", issue({ team: null }), undefined, settings)).toEqual({
      start: true,
      repo: "acme/web",
      teamKey: "ENG",
      because: "label",
    });
  });

  it("ignores an update that changed other labels while the Drover label stayed", () => {
    const changes = { labelIds: ["label-drover"], changedAssignee: false };
    const decision = decideIssueTrigger("update", issue(), changes, settings);
    expect(decision).toMatchObject({ start: false });
  });

  it("ignores an update that unassigned the configured user, and archived issues", () => {
    const unassigned = issue({ labels: [], labelIds: [], assigneeId: null });
    const changes = { assigneeId: "user-bot", changedAssignee: true };
    expect(decideIssueTrigger("update", unassigned, changes, settings)).toMatchObject({ start: false });
    expect(
      decideIssueTrigger("create", issue({ archivedAt: "2026-11-01T00:00:00Z" }), undefined, settings),
    ).toEqual({
      start: false,
      reason: "ENG-12 is archived",
    });
  });

  it("starts on assignment to the configured user when the label is absent", () => {
    const assigned = issue({ labels: [], labelIds: [], assigneeId: "user-bot" });
    const changes = { assigneeId: "user-ada", changedAssignee: true };
    expect(decideIssueTrigger("update", assigned, changes, settings)).toMatchObject({
      start: true,
      because: "assignee",
    });
    // Without DROVER_LINEAR_ASSIGNEE, assignment never starts anything.
    expect(
      decideIssueTrigger("update", assigned, changes, { ...settings, assignee: undefined }),
    ).toMatchObject({
      start: false,
    });
  });
});
