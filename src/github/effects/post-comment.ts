// The comment effect: a comment on the session's GitHub issue or on its PR.
import type { Session } from "../../core/session.js";
import type { GitHubApp } from "../github-app.js";
import { repoParams } from "../github-client.js";

export async function postComment(
  github: GitHubApp,
  session: Session,
  target: "issue" | "pr",
  body: string,
): Promise<void> {
  const issue = session.issue.tracker === "github" ? session.issue.number : undefined;
  const number = target === "pr" ? (session.pr?.number ?? issue) : issue;
  // A Linear issue: the tracker integration comments there; GitHub has no issue to put it on.
  if (number === undefined) return;
  const client = await github.installations.clientFor(session.repo);
  await client.rest.issues.createComment({ ...repoParams(session.repo), issue_number: number, body });
}
