// Before a leased job goes out: jobs for a session that has ended are finished as skipped instead, and a
// spawn job records on its session which runner took it.
import { isEnded } from "../../core/session.js";
import { handleSessionEvent } from "../../sessions/handle-event.js";
import type { JobRecord, RunnerRecord } from "../../store/store.js";
import type { AppContext } from "../app-context.js";

/**
 * Work that only makes sense while the session lives; kill, wipe and cleanup are for ended ones too, and so is
 * a review, which someone asked for on the pull request whatever became of the agent.
 */
const needsLiveSession = new Set(["spawn", "send"]);

/** True when the job should go to the runner. */
export async function admitJob(app: AppContext, runner: RunnerRecord, job: JobRecord): Promise<boolean> {
  if (!job.sessionId) return true;
  const now = app.now();
  const session = await app.store.getSession(job.sessionId);
  if (!session) {
    await app.store.finishJob(runner.id, job.id, { ok: false, error: "its session no longer exists" }, now);
    return false;
  }
  if (isEnded(session.state) && needsLiveSession.has(job.payload.kind)) {
    await app.store.finishJob(runner.id, job.id, { ok: true }, now);
    await app.store.appendLog(session.id, [
      {
        at: now,
        kind: "skipped",
        summary: `${job.payload.kind} job skipped: the session is ${session.state}`,
      },
    ]);
    return false;
  }
  if (job.payload.kind === "spawn") {
    await handleSessionEvent(
      app,
      session.id,
      { type: "spawn.leased", runnerId: runner.id, id: `lease:${job.id}:${job.attempts}` },
      { repo: session.repo },
    );
  }
  return true;
}
