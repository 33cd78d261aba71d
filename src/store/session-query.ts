// How listSessions filters and orders (and listRunners orders), shared by every store so they return the
// same list for the same query.
import type { Session } from "../core/session.js";
import type { RunnerRecord, SessionQuery } from "./store.js";

export function matchesQuery(session: Session, query: SessionQuery): boolean {
  if (query.repo !== undefined && session.repo !== query.repo) return false;
  if (query.batchId !== undefined && session.batchId !== query.batchId) return false;
  if (query.states !== undefined && !query.states.includes(session.state)) return false;
  if (query.issueKey !== undefined && session.issue.key !== query.issueKey) return false;
  if (query.withOutbox && !session.outbox?.length) return false;
  return true;
}

/** Oldest first; the id breaks ties so the order never depends on the store. */
export function compareSessions(a: Session, b: Session): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Oldest first, like sessions. */
export function compareRunners(a: RunnerRecord, b: RunnerRecord): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
