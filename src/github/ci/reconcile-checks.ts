// Reads every check run and commit status of a SHA and reports them together. Runs after the webhook when a
// PR attaches (checks may have reported before the session knew the PR) and when a check suite completes (a
// lost check_run delivery is caught up). Best effort: check_run and status webhooks remain the main path.
import type { CheckResult } from "../../core/events.js";
import type { AppContext } from "../../server/app-context.js";
import { handleSessionEvent } from "../../sessions/handle-event.js";
import type { GitHubApp } from "../github-app.js";
import { repoParams } from "../github-client.js";
import { checkRunResult, commitStatusResult } from "./check-results.js";
import { latestCommitStatuses } from "./latest-commit-statuses.js";

export async function reconcileChecks(
  app: AppContext,
  github: GitHubApp,
  target: { repo: string; sessionId: string; sha: string; eventId: string },
): Promise<void> {
  const client = await github.installations.clientFor(target.repo);
  const [{ data: runs }, statuses] = await Promise.all([
    client.rest.checks.listForRef({
      ...repoParams(target.repo),
      ref: target.sha,
      filter: "latest",
      per_page: 100,
    }),
    latestCommitStatuses(client, target.repo, target.sha),
  ]);
  const checks: CheckResult[] = runs.check_runs.map(checkRunResult);
  const seen = new Set(checks.map((c) => c.name));
  for (const status of statuses.values())
    if (!seen.has(status.context)) checks.push(commitStatusResult(status));
  if (checks.length === 0) return;
  await handleSessionEvent(
    app,
    target.sessionId,
    { type: "ci.result", id: target.eventId, sha: target.sha, checks },
    { repo: target.repo },
  );
}
