// The sessions a check run or check suite is about: through the PRs GitHub lists with it (attaching a PR from a
// session's branch that the session does not follow yet), else through the branch it ran on.

import { isSessionBranch } from "../../core/start-session.js";
import type { AppContext } from "../../server/app-context.js";
import { findPullRequestSession, type PullRequestSession } from "../pull-requests/find-pr-session.js";

export interface CheckPullRequest {
  number: number;
  head: { ref: string; sha: string; repo: { id: number } };
  base: { ref: string; repo: { id: number } };
}

export async function sessionsForChecks(
  app: AppContext,
  repo: { fullName: string; htmlUrl: string },
  pullRequests: readonly CheckPullRequest[],
  headBranch: string | null | undefined,
  options: { attach: boolean },
): Promise<PullRequestSession[]> {
  const found: PullRequestSession[] = [];
  for (const pr of pullRequests) {
    const match = await findPullRequestSession(
      app,
      repo.fullName,
      {
        number: pr.number,
        url: `${repo.htmlUrl}/pull/${pr.number}`,
        headSha: pr.head.sha,
        headRef: pr.head.ref,
        baseRef: pr.base.ref,
        fromRepo: pr.head.repo.id === pr.base.repo.id,
      },
      options,
    );
    if (match && !found.some((f) => f.session.id === match.session.id)) found.push(match);
  }
  if (found.length === 0 && pullRequests.length === 0 && headBranch && isSessionBranch(headBranch)) {
    const session = await app.store.findSessionByBranch(repo.fullName, headBranch);
    if (session?.pr) found.push({ session });
  }
  return found;
}
