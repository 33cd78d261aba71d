// Starts a session for a GitHub issue (from the spawn label or `/drover spawn`): one at a time per repo, so the
// check for a session already running and the batch choice see each other's sessions.
import { type IssueRef, isEnded, type Session } from "../../core/session.js";
import { branchFor } from "../../core/start-session.js";
import type { AppContext } from "../../server/app-context.js";
import { createSession } from "../../sessions/create-session.js";
import { runnerHasRepo } from "../../sessions/runner-has-repo.js";
import type { LoadedConfig } from "../repo-configs.js";
import { withLock } from "../with-lock.js";
import { chooseBatchId } from "./batch-id.js";

export interface SpawnRequest {
  repo: string;
  issue: IssueRef;
  requestedBy: string;
  agent?: string;
  model?: string;
  loaded: LoadedConfig;
}

export type SpawnOutcome = { started: Session } | { alreadyRunning: Session };

/** The GitHub issue of a webhook payload as the core names it. */
export function issueRefFrom(issue: {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  user?: { login: string } | null;
  assignees?: ({ login: string } | null)[] | null;
}): IssueRef {
  return {
    tracker: "github",
    key: String(issue.number),
    number: issue.number,
    title: issue.title,
    url: issue.html_url,
    ...(issue.body ? { body: issue.body } : {}),
    ...(issue.user ? { author: issue.user.login } : {}),
    assignees: (issue.assignees ?? []).flatMap((a) => (a ? [a.login] : [])),
  };
}

export async function spawnSession(app: AppContext, request: SpawnRequest): Promise<SpawnOutcome> {
  const { repo, issue, loaded } = request;
  return withLock(app, `github-spawn:${repo.toLowerCase()}`, async () => {
    const existing = await app.store.findSessionByIssue(repo, issue.key);
    if (existing && !isEnded(existing.state)) return { alreadyRunning: existing };
    const sessions = await app.store.listSessions({ repo });
    const session = await createSession(app, {
      id: app.newId("ses"),
      repo,
      issue,
      agent: request.agent ?? loaded.config.agent.name,
      ...(request.model ? { model: request.model } : {}),
      branch: branchFor(issue.key, issue.title),
      batchId: chooseBatchId(sessions, repo, request.requestedBy, app.now()),
      runnerAvailable: await runnerHasRepo(app, repo),
      requestedBy: request.requestedBy,
    });
    if (!session) throw new Error(`A session id was generated twice for ${repo}#${issue.key}; try again.`);
    return { started: session };
  });
}
