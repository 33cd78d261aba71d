// A session's page on the dashboard: the deep link notifications carry and the dashboard's own links use.
import type { Session } from "../core/session.js";

export function sessionPath(session: Pick<Session, "id">): string {
  return `/dashboard/sessions/${encodeURIComponent(session.id)}`;
}
