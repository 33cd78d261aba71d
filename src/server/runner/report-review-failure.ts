// A review job that failed on its runner (no checkout, git could not fetch the PR, a broken template) leaves
// one comment on the pull request saying why, so `/drover review` never ends in silence.
import { commentOnPullAsApp } from "../../github/review-as-app.js";
import type { RunnerJob } from "../../protocol/jobs.js";
import type { AppContext } from "../app-context.js";

export async function reportReviewFailure(
  app: AppContext,
  job: Extract<RunnerJob, { kind: "review" }>,
  error: string,
): Promise<void> {
  const body = [
    `Drover could not review this pull request: ${error.trim().slice(0, 2_000)}`,
    "",
    "Comment `/drover review` to try again.",
  ].join("\n");
  try {
    await commentOnPullAsApp(app, job.repo, job.pr, body);
  } catch (failure) {
    app.log.error(
      { repo: job.repo, pr: job.pr, err: (failure as Error).message },
      "could not tell the pull request that its review failed",
    );
  }
}
