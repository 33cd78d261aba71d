// The GitHub port of the effect executor: what the core asks of GitHub, carried out as the app installation
// that covers the session's repo (found without a webhook, so the sweep and runner reports can act too).
import type { AppContext } from "../../server/app-context.js";
import type { GitHubEffects } from "../../sessions/ports.js";
import { collectCiOutput } from "../ci/collect-ci-output.js";
import type { GitHubApp } from "../github-app.js";
import { permissionLevel } from "../permission-level.js";
import { mergePullRequest } from "./merge-pull-request.js";
import { postComment } from "./post-comment.js";
import { setLabels } from "./set-labels.js";
import { updateStatus } from "./update-status.js";

export function githubEffects(app: AppContext, github: GitHubApp): GitHubEffects {
  return {
    comment: (session, target, body) => postComment(github, session, target, body),
    setLabels: (session, add, remove) => setLabels(github, session, add, remove),
    merge: (session) => mergePullRequest(app, github, session),
    updateStatus: (session) => updateStatus(app, github, session),
    permission: async (repo, login) =>
      permissionLevel(await github.installations.clientFor(repo), repo, login),
    collectCiOutput: (session, sha, checks) => collectCiOutput(github, session, sha, checks),
  };
}
