// Where a person goes from a notification: the session's dashboard page, its issue and its PR.
import type { Session } from "../core/session.js";
import { sessionPath } from "../dashboard/session-path.js";

export interface SessionLinks {
  /** Absent when DROVER_PUBLIC_URL is not set: there is no address to send people to. */
  dashboard?: string;
  issue: string;
  pr?: string;
}

/** `${DROVER_PUBLIC_URL}/dashboard/sessions/<id>`, the deep link every channel uses. */
export function dashboardUrl(publicUrl: string, sessionId: string): string {
  return publicUrl.replace(/\/+$/, "") + sessionPath({ id: sessionId });
}

export function sessionLinks(session: Session, publicUrl: string | undefined): SessionLinks {
  return {
    ...(publicUrl ? { dashboard: dashboardUrl(publicUrl, session.id) } : {}),
    issue: session.issue.url,
    ...(session.pr ? { pr: session.pr.url } : {}),
  };
}
