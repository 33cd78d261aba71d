// Where everything lives in Redis, all under one prefix so tests (and several Drovers) can share a server.
// Names that sit in the middle of a key are escaped (":" and "%") so "owner/name" and branch names with odd
// characters can never make two keys collide; ids that end a key need no escaping.
import type { Session } from "../core/session.js";

function part(value: string): string {
  return value.replaceAll("%", "%25").replaceAll(":", "%3A");
}

export type RedisKeys = ReturnType<typeof redisKeys>;

export function redisKeys(prefix: string) {
  const key = (...parts: string[]) => prefix + parts.join(":");
  return {
    /** Hash {v: version, json: session, w: id of the last write}. */
    session: (id: string) => key("session", id),
    sessionPrefix: key("session", ""),
    /** Sorted sets of session ids scored by createdAt: the secondary indexes. */
    sessionsAll: key("sessions", "all"),
    sessionsWithOutbox: key("sessions", "outbox"),
    sessionsByRepo: (repo: string) => key("sessions", "repo", repo),
    sessionsByState: (state: string) => key("sessions", "state", state),
    sessionsByBatch: (batchId: string) => key("sessions", "batch", batchId),
    sessionsByIssue: (repo: string, issueKey: string) => key("sessions", "issue", part(repo), issueKey),
    sessionsByBranch: (repo: string, branch: string) => key("sessions", "branch", part(repo), branch),
    sessionsByPr: (repo: string, pr: number) => key("sessions", "pr", part(repo), String(pr)),
    /** List of JSON log entries, oldest first. */
    log: (sessionId: string) => key("log", sessionId),
    /** Hash of one job's fields; the payload is JSON that only Node reads and writes. */
    job: (id: string) => key("job", id),
    jobPrefix: key("job", ""),
    /** Sorted set of queued job ids scored by enqueue sequence (FIFO). */
    jobQueue: (queue: string) => key("jobs", "queue", queue),
    jobQueuePrefix: key("jobs", "queue", ""),
    /** Sorted set of leased job ids scored by leaseUntil, so expired leases are found without a scan. */
    jobsLeased: key("jobs", "leased"),
    jobsAll: key("jobs", "all"),
    jobsBySession: (sessionId: string) => key("jobs", "session", sessionId),
    jobSeq: key("jobs", "seq"),
    delivery: (id: string) => key("delivery", id),
    /** A short-lived list of strings (appendToList), expiring as a whole. */
    list: (name: string) => key("list", name),
    /** Sorted set of "<timer key>|<session id>" scored by due time. */
    timers: key("timers"),
    lock: (name: string) => key("lock", name),
    /** Hash of the last cumulative report seen for (agent session, model, day). */
    costLast: (agentSessionId: string, model: string, day: string) =>
      key("cost", "last", part(agentSessionId), part(model), day),
    /** Hashes of "<model>|<counter>" → total. */
    costBySession: (sessionId: string) => key("cost", "session", sessionId),
    costByIssue: (issue: string) => key("cost", "issue", issue),
    costByIssuePrefix: key("cost", "issue", ""),
    costByDay: (day: string) => key("cost", "day", day),
    costByDayPrefix: key("cost", "day", ""),
    /** The day aggregate of one account's repos (the owner, lower case), for viewers who see only some. */
    costByAccountDay: (account: string, day: string) => key("cost", "account", part(account), day),
    costByAccountDayPrefix: (account: string) => key("cost", "account", part(account), ""),
    /** Set of "owner/name#key" with cost, and a lexically sorted set of days with cost. */
    costIssues: key("cost", "issues"),
    costDays: key("cost", "days"),
    runner: (id: string) => key("runner", id),
    runnerPrefix: key("runner", ""),
    runners: key("runners"),
  };
}

/** Every index a session belongs to; a write removes it from the ones it left and adds it to these. */
export function sessionIndexKeys(keys: RedisKeys, session: Session): string[] {
  const indexes = [
    keys.sessionsAll,
    keys.sessionsByRepo(session.repo),
    keys.sessionsByState(session.state),
    keys.sessionsByIssue(session.repo, session.issue.key),
    keys.sessionsByBranch(session.repo, session.branch),
  ];
  if (session.batchId !== undefined) indexes.push(keys.sessionsByBatch(session.batchId));
  if (session.pr !== undefined) indexes.push(keys.sessionsByPr(session.repo, session.pr.number));
  if (session.outbox?.length) indexes.push(keys.sessionsWithOutbox);
  return indexes;
}
