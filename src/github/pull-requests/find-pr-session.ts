// The session a pull request belongs to: the one already following it, or (to attach it) the session whose
// branch it was opened from, or whose issue it says it closes. Only PRs from the repo itself attach: a fork
// cannot take over a session by naming its issue.
import type { SessionEventBody } from "../../core/events.js";
import { isEnded, type Session } from "../../core/session.js";
import type { AppContext } from "../../server/app-context.js";
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
  let session = await app.store.findSessionByBranch(repo, pr.headRef);
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
