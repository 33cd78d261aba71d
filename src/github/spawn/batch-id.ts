// Which batch a new session joins. The rule: sessions one person starts in one repo within ten minutes of the
// batch's first session form a batch (labelling five issues at once is one batch, and its all-complete
// summary comes once). The id carries the person, the repo and the start time, so no extra record is kept.
import type { Session } from "../../core/session.js";

export const batchWindowMs = 10 * 60_000;

function batchPrefix(repo: string, requestedBy: string): string {
  return `gh:${repo.toLowerCase()}:${requestedBy.toLowerCase()}:`;
}

/** The batch to join among the repo's sessions, or a new one starting now. */
export function chooseBatchId(
  sessions: readonly Pick<Session, "batchId">[],
  repo: string,
  requestedBy: string,
  now: number,
): string {
  const prefix = batchPrefix(repo, requestedBy);
  let newest: { id: string; startedAt: number } | undefined;
  for (const { batchId } of sessions) {
    if (!batchId?.startsWith(prefix)) continue;
    const startedAt = Number(batchId.slice(prefix.length));
    if (Number.isFinite(startedAt) && (!newest || startedAt > newest.startedAt))
      newest = { id: batchId, startedAt };
  }
  if (newest && now - newest.startedAt <= batchWindowMs) return newest.id;
  return `${prefix}${now}`;
}
