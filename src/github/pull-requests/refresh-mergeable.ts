// GitHub computes a PR's mergeability in the background: a payload often says `mergeable: null`. This asks
// again a few times, after the webhook was answered, and reports the answer to the session (pr.mergeable).
// Best effort: a later PR, review or check event asks again while the session still does not know.
import type { AppContext } from "../../server/app-context.js";
import { handleSessionEvent } from "../../sessions/handle-event.js";
import type { GitHubApp } from "../github-app.js";
import { repoParams } from "../github-client.js";

const pauses = [0, 1000, 3000, 8000];

export async function refreshMergeable(
  app: AppContext,
  github: GitHubApp,
  target: { repo: string; sessionId: string; pr: number; eventId: string },
): Promise<void> {
  const client = await github.installations.clientFor(target.repo);
  for (const pause of pauses) {
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    const { data } = await client.rest.pulls.get({ ...repoParams(target.repo), pull_number: target.pr });
    if (data.state !== "open") return;
    if (data.mergeable !== null) {
      await handleSessionEvent(
        app,
        target.sessionId,
        { type: "pr.mergeable", id: target.eventId, sha: data.head.sha, mergeable: data.mergeable },
        { repo: target.repo },
      );
      return;
    }
  }
}
