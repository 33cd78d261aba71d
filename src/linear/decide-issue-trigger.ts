// Whether an Issue delivery hands the issue to Drover: the issue is in a mapped team and it just got the Drover
// label or was just assigned to the configured user. "Just" matters: every later edit of a labeled issue (its
// state moved by Drover itself, a typo fixed) is delivered too, and must not start another session.
import type { LinearSettings } from "./linear-env.js";
import type { IssueChanges, LinearIssue } from "./linear-webhook-payload.js";

export type IssueTrigger =
  | { start: true; repo: string; teamKey: string; because: "label" | "assignee" }
  | { start: false; reason: string };

export function decideIssueTrigger(
  action: string,
  issue: LinearIssue,
  changes: IssueChanges | undefined,
  settings: Pick<LinearSettings, "teams" | "label" | "assignee">,
): IssueTrigger {
  if (action !== "create" && action !== "update") return { start: false, reason: `an issue was ${action}d` };
  if (issue.archivedAt || issue.trashed) return { start: false, reason: `${issue.identifier} is archived` };
  const teamKey = (issue.team?.key ?? issue.identifier.replace(/-\d+$/, "")).toUpperCase();
  const repo = settings.teams.get(teamKey);
  if (!repo) {
    return {
      start: false,
      reason: `team ${teamKey} is not mapped to a repo (DROVER_LINEAR_TEAMS maps ${[...settings.teams.keys()].join(", ")})`,
    };
  }
  const label = issue.labels.find((l) => l.name.trim().toLowerCase() === settings.label.toLowerCase());
  const assigned = isConfiguredAssignee(issue, settings.assignee);

  if (action === "create") {
    if (label) return { start: true, repo, teamKey, because: "label" };
    if (assigned) return { start: true, repo, teamKey, because: "assignee" };
    const notAssigned = settings.assignee ? ` and is not assigned to ${settings.assignee}` : "";
    return { start: false, reason: `${issue.identifier} has no "${settings.label}" label${notAssigned}` };
  }
  const labelAdded = label && changes?.labelIds !== undefined && !changes.labelIds.includes(label.id);
  if (labelAdded) return { start: true, repo, teamKey, because: "label" };
  const newlyAssigned = assigned && changes?.changedAssignee && changes.assigneeId !== issue.assigneeId;
  if (newlyAssigned) return { start: true, repo, teamKey, because: "assignee" };
  return {
    start: false,
    reason: `this update of ${issue.identifier} did not add the "${settings.label}" label${
      settings.assignee ? ` nor assign it to ${settings.assignee}` : ""
    }`,
  };
}

function isConfiguredAssignee(issue: LinearIssue, assignee: string | undefined): boolean {
  if (!assignee || !issue.assigneeId) return false;
  const wanted = assignee.toLowerCase();
  return issue.assigneeId.toLowerCase() === wanted || issue.assignee?.email?.toLowerCase() === wanted;
}
