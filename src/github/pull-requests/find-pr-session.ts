// The session a pull request belongs to: the one already following it, or (to attach it) the session whose
// branch it was opened from, or whose issue it says it closes. Only PRs from the repo itself attach: a fork
// cannot take over a session by naming its issue.
import type { SessionEventBody } from "../../core/events.js";
import { isEnded, type Session } from "../../core/session.js";
import { isSessionBranch } from "../../core/start-session.js";
import type { AppContext } from "../../server/app-context.js";
import { timeOf } from "../time-of.js";
import { closingIssueNumbers } from "./closing-issues.js";

export interface PullRequestRef {
  number: number;
  url: string;
  headSha: string;
  headRef: string;
  baseRef: string;
  /** The head branch lives in the base repository (not a fork). */
  fromRepo: boolean;
  body?: string | null;
  /** When GitHub last updated the PR (ms), for ordering pushes. */
  at?: number;
}

/** The fields of a webhook payload's pull request that make its ref (pull_request and review events alike). */
export interface PullRequestFields {
  number: number;
  html_url: string;
  head: { sha: string; ref: string; repo?: { full_name: string } | null };
  base: { ref: string };
  body?: string | null;
  updated_at?: string;
}

export function pullRequestRef(pr: PullRequestFields, repo: string): PullRequestRef {
  const at = timeOf(pr.updated_at);
  return {
    number: pr.number,
    url: pr.html_url,
    headSha: pr.head.sha,
    headRef: pr.head.ref,
    baseRef: pr.base.ref,
    fromRepo: pr.head.repo?.full_name.toLowerCase() === repo.toLowerCase(),
    body: pr.body,
    ...(at === undefined ? {} : { at }),
  };
}

export interface PullRequestSession {
  session: Session;
  /** The pr.opened event that attaches the PR, when the session does not follow it yet. */
  attach?: SessionEventBody & { type: "pr.opened" };
}

const canAttach = (session: Session | undefined): session is Session =>
  session !== undefined && session.pr === undefined && !isEnded(session.state);

export async function findPullRequestSession(
  app: AppContext,
  repo: string,
  pr: PullRequestRef,
  options: { attach: boolean },
): Promise<PullRequestSession | undefined> {
  const following = await app.store.findSessionByPr(repo, pr.number);
  if (following) return { session: following };
  if (!options.attach || !pr.fromRepo) return undefined;
  let session = isSessionBranch(pr.headRef)
    ? await app.store.findSessionByBranch(repo, pr.headRef)
    : undefined;
  if (!canAttach(session)) {
    session = undefined;
    for (const number of closingIssueNumbers(pr.body, repo)) {
      const candidate = await app.store.findSessionByIssue(repo, String(number));
      if (canAttach(candidate)) {
        session = candidate;
        break;
      }
    }
  }
  if (!session) return undefined;
  return {
    session,
    attach: {
      type: "pr.opened",
      number: pr.number,
      url: pr.url,
      headSha: pr.headSha,
      baseRef: pr.baseRef,
      ...(pr.at === undefined ? {} : { at: pr.at }),
    },
  };
}
