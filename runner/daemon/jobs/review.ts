// The review job (a convoy code review of a PR on this runner): the convoy review (runner/review) gets the
// checkout of the repo and ways to report the convoy's progress and result, which travel to the app as
// convoy.progress and convoy.result events of the job.
import type { RunnerJob } from "../../../src/protocol/jobs.js";
import type { RunnerEventBody } from "../../../src/protocol/runner-events.js";
import type { Logger } from "../../../src/shared/logger.js";
import type { RunnerConfig } from "../../config/runner-config.js";
import { reviewWithConvoy } from "../../review/review-with-convoy.js";
import type { DaemonContext } from "../daemon-context.js";
import { requireRepoPath } from "./spawn.js";

export type ReviewJob = Extract<RunnerJob, { kind: "review" }>;
export type ConvoyResultBody = Omit<Extract<RunnerEventBody, { type: "convoy.result" }>, "type" | "jobId">;

export interface ReviewJobIo {
  /** The leased job's id: the app accepts the convoy's events only from the runner that holds it. */
  jobId: string;
  /** The runner's checkout of the job's repo. */
  repoPath: string;
  /** The runner's data folder (its convoys, the review worktrees). */
  dataDir: string;
  config: RunnerConfig;
  /** The daemon's environment, which agents inherit. */
  env: NodeJS.ProcessEnv;
  progress(update: { convoyId: string; role?: string; status: string; message?: string }): void;
  result(result: ConvoyResultBody): void;
  log: Logger;
}

export async function runReview(ctx: DaemonContext, job: ReviewJob, jobId: string): Promise<string> {
  return reviewWithConvoy(job, {
    jobId,
    repoPath: requireRepoPath(ctx, job.repo),
    dataDir: ctx.paths.data,
    config: ctx.config,
    env: ctx.env,
    log: ctx.log,
    progress: (update) =>
      ctx.reports.emit({
        type: "convoy.progress",
        ...update,
        jobId,
        ...(job.sessionId ? { sessionId: job.sessionId } : {}),
      }),
    result: (result) => ctx.reports.emit({ type: "convoy.result", ...result, jobId }),
  });
}
