// Which stage the Linear issue should be in for a session's state: working while the agent works, review while
// its PR is open, done once the PR is merged. Queued sessions and sessions stopped without a merge leave the
// issue where it is: nobody has worked on it yet, or a human decides what happens next.
import type { Session } from "../core/session.js";
import type { LinearStage } from "./linear-env.js";

export function linearStageFor(session: Session): LinearStage | undefined {
  switch (session.state) {
    case "merged":
    case "done":
      return "done";
    case "queued":
    case "closed":
    case "killed":
      return undefined;
    default:
      return session.pr?.status === "open" ? "review" : "working";
  }
}
