// issues.labeled with the spawn label (`drover` unless the repo config renames it): start a session.
import { repoParams } from "../github-client.js";
import { reportConfigProblem } from "../report-config-problem.js";
import { issueRefFrom, spawnSession } from "../spawn/spawn-session.js";
import type { Prepare } from "./handle-delivery.js";
import { mayAct, refusal } from "./may-act.js";

export const onIssuesLabeled: Prepare<"issues.labeled"> = async ({ app, github, context, repo, client }) => {
  const { issue, label, sender } = context.payload;
  const loaded = await github.configs.load(repo);
  if (label?.name !== loaded.config.labels.spawn || issue.state === "closed") return undefined;
  const verdict = await mayAct(client, repo, loaded.config, sender);
  if (verdict === "ignored") return undefined;
  if (verdict === "refused")
    return async () => {
      await client.rest.issues.createComment({
        ...repoParams(repo),
        issue_number: issue.number,
        body: refusal(sender.login, repo),
      });
    };
  return async () => {
    const outcome = await spawnSession(app, {
      repo,
      issue: issueRefFrom(issue),
      requestedBy: sender.login,
      loaded,
    });
    if ("alreadyRunning" in outcome) {
      context.log.info({ repo, issue: issue.number }, "a session already runs for this issue");
      return;
    }
    if (loaded.problem)
      await reportConfigProblem(
        app,
        client,
        { repo, issue: issue.number, sessionId: outcome.started.id },
        loaded.problem,
      );
  };
};
