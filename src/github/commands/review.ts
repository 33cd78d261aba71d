// `/drover review`: queue a convoy code review of this PR (correctness, security, performance, then a synthesis).
import { queueReview, reviewQueuedText } from "../queue-review.js";
import type { Command } from "./command.js";

export const reviewCommand: Command = {
  name: "review",
  usage: "/drover review",
  summary: "queue a convoy code review of this pull request",
  async run(ctx) {
    if (!ctx.isPullRequest) return "`/drover review` works on pull requests.";
    const { runnerAvailable } = await queueReview(ctx.app, {
      repo: ctx.repo,
      pr: ctx.issue.number,
      deliveryId: ctx.deliveryId,
      ...(ctx.session ? { sessionId: ctx.session.id } : {}),
    });
    return reviewQueuedText(ctx.repo, runnerAvailable);
  },
};
