// The convoy events of a review job: progress and the result go to the convoy's log in the store (and a line to
// the session's log when the PR has a session); a result then has its PR review posted after the answer.
import type { RunnerEvent } from "../../protocol/runner-events.js";
import type { JobRecord, RunnerRecord } from "../../store/store.js";
import type { AppContext } from "../app-context.js";
import { appendConvoyLog, readConvoy } from "./convoy-log.js";
import { postReviewForConvoy } from "./post-review-for-convoy.js";

type ProgressEvent = Extract<RunnerEvent, { type: "convoy.progress" }>;
type ResultEvent = Extract<RunnerEvent, { type: "convoy.result" }>;

/** Who ran the convoy, for what: taken from the job the app handed out, never from the event. */
function jobFields(job: JobRecord, runner: RunnerRecord) {
  if (job.payload.kind !== "review") throw new Error(`job ${job.id} is not a review job`);
  return { jobId: job.id, runnerId: runner.id, repo: job.payload.repo, pr: job.payload.pr };
}

export async function recordConvoyProgress(
  app: AppContext,
  event: ProgressEvent,
  job: JobRecord,
  runner: RunnerRecord,
  summary: string,
): Promise<void> {
  await appendConvoyLog(app, event.convoyId, "progress", summary, {
    ...jobFields(job, runner),
    status: event.status,
    ...(event.role ? { role: event.role } : {}),
    ...(event.message ? { message: event.message } : {}),
  });
  if (job.sessionId) await app.store.appendLog(job.sessionId, [{ at: app.now(), kind: "convoy", summary }]);
}

export async function recordConvoyResult(
  app: AppContext,
  event: ResultEvent,
  job: JobRecord,
  runner: RunnerRecord,
): Promise<void> {
  const fields = jobFields(job, runner);
  // Kept unless the convoy's log has it already: a result must survive a delivery that failed half-way, which
  // a delivery mark taken before the write would not.
  if (!(await readConvoy(app, event.convoyId))?.result) {
    const found = event.result.findings.length;
    const summary = `convoy ${event.convoyId} (${event.template}) on ${fields.repo}#${fields.pr}: ${event.status}, ${found} finding${found === 1 ? "" : "s"}`;
    const { reportFile: _, ...result } = event.result;
    await appendConvoyLog(app, event.convoyId, "result", summary, {
      ...fields,
      template: event.template,
      headSha: event.headSha,
      status: event.status,
      result,
      report: event.report,
      stats: event.stats,
    });
    if (job.sessionId) await app.store.appendLog(job.sessionId, [{ at: app.now(), kind: "convoy", summary }]);
  }
  // Also for a result sent again: a review that did not get posted the first time is tried once more.
  app.defer(postReviewForConvoy(app, event.convoyId));
}
