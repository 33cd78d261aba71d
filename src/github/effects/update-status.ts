// The update_status effect: the one sticky status comment, on the PR once there is one (on the issue before).
// It renders the session as stored when it writes, so a late writer never puts back an older state.
import type { Session } from "../../core/session.js";
import type { AppContext } from "../../server/app-context.js";
import type { GitHubApp } from "../github-app.js";
import { renderStatus, statusMarker } from "../status/render-status.js";
import { loadStatusView } from "../status/status-view.js";

export async function updateStatus(app: AppContext, github: GitHubApp, given: Session): Promise<void> {
  const issueNumber = given.issue.tracker === "github" ? given.issue.number : undefined;
  // A Linear issue without a PR yet has nowhere on GitHub to show it; its tracker shows the state.
  const target = given.pr?.number ?? issueNumber;
  if (target === undefined) return;
  const client = await github.installations.clientFor(given.repo);
  let latest = given;
  const outcome = await github.sticky.upsert(client, given.repo, target, statusMarker, async () => {
    latest = (await app.store.getSession(given.id)) ?? given;
    return renderStatus(await loadStatusView(app, latest));
  });
  // The PR's status comment is new: the issue's one stops being updated, so it points there instead.
  if (outcome === "created" && latest.pr && issueNumber !== undefined && issueNumber !== target) {
    if (!(await github.sticky.read(client, latest.repo, issueNumber, statusMarker))) return;
    const body = pointerToPullRequest(latest.pr.number);
    await github.sticky.upsert(client, latest.repo, issueNumber, statusMarker, async () => body);
  }
}

function pointerToPullRequest(number: number): string {
  return [
    statusMarker,
    `### Drover · follows #${number}`,
    "",
    `The agent opened pull request #${number}; Drover's status comment there follows the session from now on.`,
  ].join("\n");
}
