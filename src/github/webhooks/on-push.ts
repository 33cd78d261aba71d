// push to the default branch that changes `.github/drover.yml`: read it again now rather than when the cache
// expires, and tell the running sessions' issues if it became invalid.
import { isEnded } from "../../core/session.js";
import { configPath } from "../repo-configs.js";
import { reportConfigProblem } from "../report-config-problem.js";
import type { Prepare } from "./handle-delivery.js";

export const onPush: Prepare<"push"> = async ({ app, github, context, repo, client }) => {
  const { ref, repository, commits, head_commit } = context.payload;
  if (ref !== `refs/heads/${repository.default_branch}`) return undefined;
  const touched = [...commits, ...(head_commit ? [head_commit] : [])].some((commit) =>
    [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])].includes(configPath),
  );
  if (!touched) return undefined;
  return async () => {
    const loaded = await github.configs.reload(repo);
    if (!loaded.problem) return;
    const sessions = await app.store.listSessions({ repo });
    for (const session of sessions) {
      const issue = session.issue.tracker === "github" ? session.issue.number : undefined;
      if (issue === undefined || isEnded(session.state)) continue;
      await reportConfigProblem(app, client, { repo, issue, sessionId: session.id }, loaded.problem);
    }
  };
};
