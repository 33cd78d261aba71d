// How listSessions filters and orders (and listRunners orders), shared by every store so they return the
// same list for the same query.
import type { Session } from "../core/session.js";
import type { SessionQuery } from "./store.js";

export function matchesQuery(session: Session, query: SessionQuery): boolean {
  if (query.repo !== undefined && session.repo !== query.repo) return false;
  if (query.batchId !== undefined && session.batchId !== query.batchId) return false;
  if (query.states !== undefined && !query.states.includes(session.state)) return false;
  if (query.issueKey !== undefined && session.issue.key !== query.issueKey) return false;
  if (query.withOutbox && !session.outbox?.length) return false;
  return true;
}

/** Oldest first; the id breaks ties so the order never depends on the store. Sessions and runners alike. */
export function oldestFirst(
  a: { createdAt: number; id: string },
  b: { createdAt: number; id: string },
): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
