// The all-complete summary: once every session of a batch has settled, one line says how it went.
import type { Session, SessionState } from "./session.js";

const merged: ReadonlySet<SessionState> = new Set(["merged", "done"]);
const needReview: ReadonlySet<SessionState> = new Set(["review_pending", "approved", "mergeable"]);
const failed: ReadonlySet<SessionState> = new Set(["errored", "killed", "closed"]);

/** A session whose agent has nothing left to do until a human acts. */
export function isSettled(state: SessionState): boolean {
  return merged.has(state) || needReview.has(state) || failed.has(state);
}

export interface BatchSummary {
  total: number;
  merged: Session[];
  needReview: Session[];
  failed: Session[];
  text: string;
}

/** The summary for a batch, or undefined while some session is still working. */
export function summarizeBatch(sessions: readonly Session[]): BatchSummary | undefined {
  if (sessions.length === 0 || !sessions.every((s) => isSettled(s.state))) return undefined;
  const pick = (set: ReadonlySet<SessionState>) => sessions.filter((s) => set.has(s.state));
  const summary = {
    total: sessions.length,
    merged: pick(merged),
    needReview: pick(needReview),
    failed: pick(failed),
  };
  const noun = summary.total === 1 ? "session" : "sessions";
  const text =
    `${summary.total} ${noun} done: ${summary.merged.length} merged, ${summary.needReview.length} need review, ` +
    `${summary.failed.length} failed`;
  return { ...summary, text };
}
