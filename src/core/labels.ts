// The PR label that mirrors a session's state, so a PR list shows at a glance what each agent is doing.
import type { RepoConfig } from "../config/repo-config.js";
import type { SessionState } from "./session.js";

type StateLabel = "working" | "ciFailed" | "changesRequested" | "ready";

const labelForState: Partial<Record<SessionState, StateLabel>> = {
  spawning: "working",
  working: "working",
  pr_open: "working",
  stuck: "working",
  ci_failed: "ciFailed",
  changes_requested: "changesRequested",
  mergeable: "ready",
};

export function stateLabels(labels: RepoConfig["labels"]): string[] {
  return [labels.working, labels.ciFailed, labels.changesRequested, labels.ready];
}

/** Labels to add and remove when a session enters `state`. */
export function labelChange(
  state: SessionState,
  labels: RepoConfig["labels"],
): { add: string[]; remove: string[] } {
  const key = labelForState[state];
  const add = key ? [labels[key]] : [];
  return { add, remove: stateLabels(labels).filter((label) => !add.includes(label)) };
}
