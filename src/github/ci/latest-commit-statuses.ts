// The current commit status of each context on a commit: GitHub lists every status ever set, newest first.
import type { GitHubClient } from "../github-client.js";
import { repoParams } from "../github-client.js";

type CommitStatus = Awaited<
  ReturnType<GitHubClient["rest"]["repos"]["listCommitStatusesForRef"]>
>["data"][number];

/** Context → its newest status, in the order GitHub lists them. */
export async function latestCommitStatuses(
  client: GitHubClient,
  repo: string,
  sha: string,
): Promise<Map<string, CommitStatus>> {
  const { data } = await client.rest.repos.listCommitStatusesForRef({
    ...repoParams(repo),
    ref: sha,
    per_page: 100,
  });
  const latest = new Map<string, CommitStatus>();
  for (const status of data) if (!latest.has(status.context)) latest.set(status.context, status);
  return latest;
}
