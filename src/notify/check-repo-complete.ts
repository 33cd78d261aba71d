// "All complete" for sessions spawned on their own (no batch): when the last open session of a repo
// settles, one summary of the sessions that settled since the repo's previous summary — the batch summary's
// counterpart, run from the same check_batch effect. A round of one session says nothing its own
// notifications did not, so it takes two or more.
import { createHash } from "node:crypto";
import { isSettled, summarizeBatch } from "../core/batch.js";
import type { Session } from "../core/session.js";
import type { AppContext } from "../server/app-context.js";

const day = 86_400_000;
/** How far back the first summary of a repo looks (older sessions were reported by nobody, and are old news). */
const firstLookbackMs = 7 * day;
const roundsKey = (repo: string) => `notify:repo-rounds:${repo}`;

export type RepoCompleteOutcome = { skipped: string } | undefined;

function settledAt(session: Session): number {
  return session.endedAt ?? session.updatedAt;
}

export function summaryLines(sessions: readonly Session[]): string {
  return sessions
    .map((s) => `- ${s.issue.title}: ${s.state.replaceAll("_", " ")} ${s.pr?.url ?? s.issue.url}`)
    .join("\n");
}

export async function checkRepoComplete(app: AppContext, session: Session): Promise<RepoCompleteOutcome> {
  if (session.batchId) return undefined;
  const now = app.now();
  const sessions = (await app.store.listSessions({ repo: session.repo })).filter((s) => !s.batchId);
  if (sessions.some((s) => !isSettled(s.state))) return undefined;
  const rounds = await app.store.readList(roundsKey(session.repo));
  const since = Math.max(Number(rounds.at(-1) ?? 0), now - firstLookbackMs);
  const round = sessions.filter((s) => settledAt(s) > since);
  if (round.length < 2) return undefined;
  const summary = summarizeBatch(round);
  if (!summary) return undefined;
  const config = await app.repoConfig(session.repo);
  const reaction = config.reactions["all-complete"];
  if (!reaction.enabled) return undefined;
  // Two sessions settling at once both see the same finished round: it is reported once.
  const members = round
    .map((s) => `${s.id}:${s.state}`)
    .sort()
    .join(",");
  const roundId = createHash("sha256").update(members).digest("hex").slice(0, 24);
  if (!(await app.store.markDelivery(`repo-complete:${session.repo}:${roundId}`, 30 * day))) return undefined;
  await app.store.appendToList(roundsKey(session.repo), [String(now)], 30 * day);
  if (!app.ports.notifier) return { skipped: "no notification channel is configured" };
  await app.ports.notifier.notify(session, {
    priority: reaction.priority,
    kind: "all-complete",
    title: `${summary.text} in ${session.repo}`,
    body: summaryLines([...summary.merged, ...summary.needReview, ...summary.failed]),
    actions: ["open"],
  });
  return undefined;
}
