// Queues a convoy code review of a PR for any runner that has the repo (the `drover:review` label and
// `/drover review`); the runner runs the convoy and posts one review.
import type { AppContext } from "../server/app-context.js";
import { repoQueue } from "../sessions/job-queues.js";
import { runnerHasRepo } from "../sessions/runner-has-repo.js";

export const reviewTemplate = "code-review";

/** Queues the job (idempotent for one delivery); tells whether a runner can take it now. */
export async function queueReview(
  app: AppContext,
  request: { repo: string; pr: number; sessionId?: string; deliveryId: string },
): Promise<{ runnerAvailable: boolean }> {
  await app.store.enqueueJob(
    {
      id: `review_${request.deliveryId}`,
      queue: repoQueue(request.repo),
      ...(request.sessionId ? { sessionId: request.sessionId } : {}),
      payload: {
        kind: "review",
        repo: request.repo,
        pr: request.pr,
        template: reviewTemplate,
        ...(request.sessionId ? { sessionId: request.sessionId } : {}),
      },
    },
    app.now(),
  );
  return { runnerAvailable: await runnerHasRepo(app, request.repo) };
}

export function reviewQueuedText(repo: string, runnerAvailable: boolean): string {
  return runnerAvailable
    ? "Queued a code review (correctness, security, performance); a runner with the repo posts it as one review."
    : `Queued a code review, but no runner has \`${repo}\` yet; it starts as soon as one does.`;
}
