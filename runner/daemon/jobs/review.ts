// The review job (a convoy code review of a PR on this runner). The convoy engine is its own module: it plugs
// in here with handleReviewJobsWith, and gets the checkout of the repo and a way to report convoy progress,
// which travels to the app as convoy.progress events.
import type { RunnerJob } from "../../../src/protocol/jobs.js";
import type { Logger } from "../../../src/shared/logger.js";
import { type DaemonContext, JobError } from "../daemon-context.js";
import { repoPathFor } from "./spawn.js";

export type ReviewJob = Extract<RunnerJob, { kind: "review" }>;

export interface ReviewJobIo {
  /** The runner's checkout of the job's repo. */
  repoPath: string;
  progress(update: { convoyId: string; role?: string; status: string; message?: string }): void;
  log: Logger;
}

/** Runs the review and returns a line for the job's note (where the review went). */
export type ReviewJobHandler = (job: ReviewJob, io: ReviewJobIo) => Promise<string>;

let handler: ReviewJobHandler | undefined;

export function handleReviewJobsWith(next: ReviewJobHandler): void {
  handler = next;
}

export async function runReview(ctx: DaemonContext, job: ReviewJob): Promise<string> {
  if (!handler)
    throw new JobError("this runner was built without the convoy engine, so it cannot run review jobs");
  const repoPath = repoPathFor(ctx, job.repo);
  if (!repoPath) throw new JobError(`this runner has no checkout of ${job.repo}`);
  return handler(job, {
    repoPath,
    log: ctx.log,
    progress: (update) =>
      ctx.reports.emit({
        type: "convoy.progress",
        ...update,
        ...(job.sessionId ? { sessionId: job.sessionId } : {}),
      }),
  });
}
