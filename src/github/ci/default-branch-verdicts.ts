// Whether each check fails on the default branch's head too (the agent is told it may not be its fault), from
// the latest check runs there and, for commit statuses, the combined status.
import { type GitHubClient, repoParams } from "../github-client.js";

const failing = new Set(["failure", "timed_out", "startup_failure", "error"]);
const passing = new Set(["success", "neutral", "skipped"]);

/** Check name → true (fails there too), false (passes there), absent (not run there, or still running). */
export async function defaultBranchVerdicts(
  client: GitHubClient,
  repo: string,
  defaultBranch: string,
  names: string[],
): Promise<Map<string, boolean>> {
  const params = repoParams(repo);
  const verdicts = new Map<string, boolean>();
  const { data } = await client.rest.checks.listForRef({
    ...params,
    ref: defaultBranch,
    filter: "latest",
    per_page: 100,
  });
  for (const run of data.check_runs) {
    if (!names.includes(run.name) || verdicts.has(run.name) || run.status !== "completed") continue;
    if (failing.has(run.conclusion ?? "")) verdicts.set(run.name, true);
    else if (passing.has(run.conclusion ?? "")) verdicts.set(run.name, false);
  }
  if (names.some((name) => !data.check_runs.some((run) => run.name === name))) {
    const { data: combined } = await client.rest.repos.getCombinedStatusForRef({
      ...params,
      ref: defaultBranch,
    });
    for (const status of combined.statuses) {
      if (!names.includes(status.context) || verdicts.has(status.context)) continue;
      if (failing.has(status.state)) verdicts.set(status.context, true);
      else if (status.state === "success") verdicts.set(status.context, false);
    }
  }
  return verdicts;
}
