// Starts a session for a Linear issue in its team's repo, unless the issue already has a live one. A lock per
// issue keeps two deliveries arriving together (labeled and assigned at once) from both starting one.
import { isEnded } from "../core/session.js";
import { branchFor } from "../core/start-session.js";
import type { AppContext } from "../server/app-context.js";
import { createSession } from "../sessions/create-session.js";
import { readableSessionId } from "../sessions/readable-session-id.js";
import { runnerHasRepo } from "../sessions/runner-has-repo.js";
import { rememberLinear } from "./linear-memory.js";
import type { LinearIssue } from "./linear-webhook-payload.js";

export type StartOutcome =
  | { started: true; sessionId: string; repo: string; runnerAvailable: boolean }
  | { started: false; reason: string; sessionId?: string };

const spawnLockMs = 30_000;

export async function startLinearSession(
  app: AppContext,
  issue: LinearIssue,
  repo: string,
  requestedBy: string | undefined,
): Promise<StartOutcome> {
  const key = issue.identifier.toUpperCase();
  const lockName = `linear:spawn:${repo}#${key}`;
  const token = await app.store.acquireLock(lockName, spawnLockMs);
  if (!token) return { started: false, reason: `a session for ${key} is being started by another delivery` };
  try {
    const existing = await app.store.findSessionByIssue(repo, key);
    if (existing && !isEnded(existing.state)) {
      return {
        started: false,
        reason: `${key} already has a live session (${existing.id}, ${existing.state})`,
        sessionId: existing.id,
      };
    }
    const config = await app.repoConfig(repo);
    const runnerAvailable = await runnerHasRepo(app, repo);
    const sessionId = readableSessionId(repo, key);
    // The link goes first: the session's first effects (a comment when no runner has the repo) need it.
    await rememberLinear(app.store, sessionId, { kind: "link", issueId: issue.id, teamId: issue.teamId });
    const assignee = issue.assignee?.name ?? issue.assignee?.email;
    const session = await createSession(app, {
      id: sessionId,
      repo,
      issue: {
        tracker: "linear",
        key,
        title: issue.title,
        url: issue.url,
        ...(issue.description ? { body: issue.description } : {}),
        ...(issue.creator?.name ? { author: issue.creator.name } : {}),
        ...(assignee ? { assignees: [assignee] } : {}),
      },
      agent: config.agent.name,
      branch: branchFor(key, issue.title),
      runnerAvailable,
      ...(requestedBy ? { requestedBy } : {}),
    });
    if (!session)
      return { started: false, reason: `session id ${sessionId} was taken; send the delivery again` };
    return { started: true, sessionId, repo, runnerAvailable };
  } finally {
    await app.store.releaseLock(lockName, token);
  }
}
