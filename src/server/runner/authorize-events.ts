// A runner may only report on the sessions it runs and the jobs it holds. Checked for a whole batch before any
// of it is applied, so a refused batch changes nothing and the runner can drop exactly the refused events.
import type { Session } from "../../core/session.js";
import type { ForbiddenEvents, RunnerEvent } from "../../protocol/runner-events.js";
import type { JobRecord, RunnerRecord } from "../../store/store.js";
import type { AppContext } from "../app-context.js";

export interface BatchContext {
  sessions: Map<string, Session>;
  jobs: Map<string, JobRecord>;
}

export async function authorizeEvents(
  app: AppContext,
  runner: RunnerRecord,
  events: RunnerEvent[],
): Promise<{ context: BatchContext; forbidden: ForbiddenEvents["forbidden"] }> {
  const context: BatchContext = { sessions: new Map(), jobs: new Map() };
  const verdicts = new Map<string, string | undefined>();
  const forbidden: ForbiddenEvents["forbidden"] = [];

  const checkSession = async (sessionId: string): Promise<string | undefined> => {
    if (verdicts.has(sessionId)) return verdicts.get(sessionId);
    const session = await app.store.getSession(sessionId);
    let reason: string | undefined;
    if (!session) reason = `there is no session ${sessionId}`;
    else if (session.runnerId !== runner.id) {
      // A runner that took over a spawn job (the first holder's lease expired) holds the session before its
      // agent.spawned makes it the session's runner.
      const leased = await app.store.listJobs({ sessionId, states: ["leased"] });
      if (!leased.some((job) => job.runnerId === runner.id))
        reason = `session ${sessionId} is run by another runner`;
    }
    if (session && !reason) context.sessions.set(sessionId, session);
    verdicts.set(sessionId, reason);
    return reason;
  };

  const checkJob = async (jobId: string, review: boolean): Promise<string | undefined> => {
    const job = context.jobs.get(jobId) ?? (await app.store.getJob(jobId));
    if (!job) return `there is no job ${jobId}`;
    // A lease that ran out leaves no runner on the job, so a runner that lost it can no longer speak for it.
    if (job.runnerId !== runner.id) return `job ${jobId} is not leased to this runner`;
    if (review && job.payload.kind !== "review") return `job ${jobId} is not a review job`;
    context.jobs.set(job.id, job);
    return undefined;
  };

  for (const event of events) {
    let reason: string | undefined;
    if (event.type === "job.finished") {
      reason = await checkJob(event.jobId, false);
    } else if (event.type === "convoy.result" || (event.type === "convoy.progress" && event.jobId)) {
      // The job says which session the convoy is for; the runner of a review need not run that session.
      reason = await checkJob(event.jobId!, true);
    } else if (event.sessionId !== undefined) {
      reason = await checkSession(event.sessionId);
    }
    if (reason) forbidden.push({ seq: event.seq, reason });
  }
  return { context, forbidden };
}
