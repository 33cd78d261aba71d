// The merge effect: merges the session's PR at the head Drover saw approved and green, with the method the repo
// config names or else the first the repo allows. When GitHub refuses (branch protection, a newer head), the
// PR says why, instead of retrying something that cannot work.
import type { Session } from "../../core/session.js";
import type { AppContext } from "../../server/app-context.js";
import type { GitHubApp } from "../github-app.js";
import { httpStatus, repoParams } from "../github-client.js";

export async function mergePullRequest(app: AppContext, github: GitHubApp, session: Session): Promise<void> {
  const pr = session.pr;
  if (pr?.status !== "open") return;
  const config = await app.repoConfig(session.repo);
  // The repo's allowed methods are asked for only when the config names none.
  const method = config.mergeMethod ?? (await github.repos.get(session.repo)).mergeMethods[0] ?? "merge";
  const client = await github.installations.clientFor(session.repo);
  try {
    await client.rest.pulls.merge({
      ...repoParams(session.repo),
      pull_number: pr.number,
      merge_method: method,
      sha: pr.headSha,
    });
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 405 && status !== 409 && status !== 422) throw error;
    const reason = (error as Error).message.replace(/ - https:\/\/docs\.github\.com\S*$/, "");
    await client.rest.issues.createComment({
      ...repoParams(session.repo),
      issue_number: pr.number,
      body: `Drover could not merge this pull request (${method}): ${reason}`,
    });
  }
}
