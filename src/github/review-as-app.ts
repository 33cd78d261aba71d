// What the app says on a pull request about a review job a runner ran, as the GitHub App installation that covers
// the repo (found without a webhook, as runner reports arrive): the convoy's one review, or a comment when the
// review could not be done.

import type { ConvoyResult } from "../convoy/convoy-state.js";
import { type PostedReview, postConvoyReview } from "../convoy/post-review.js";
import type { ReviewContext } from "../convoy/review-body.js";
import type { AppContext } from "../server/app-context.js";
import { githubAppOf } from "./github-app.js";
import { repoParams } from "./github-client.js";

export class GitHubAppMissingError extends Error {
  constructor() {
    super(
      "The GitHub App is not configured here (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET), so nothing can be posted.",
    );
    this.name = "GitHubAppMissingError";
  }
}

export interface ConvoyReviewPost {
  repo: string;
  pr: number;
  headSha: string;
  result: ConvoyResult;
  context: ReviewContext;
}

export async function postConvoyReviewAsApp(app: AppContext, post: ConvoyReviewPost): Promise<PostedReview> {
  const client = await clientFor(app, post.repo);
  const { owner, repo } = repoParams(post.repo);
  return postConvoyReview(client, {
    owner,
    repo,
    pullNumber: post.pr,
    headSha: post.headSha,
    result: post.result,
    context: post.context,
    log: (message) =>
      app.log.info({ repo: post.repo, pr: post.pr, convoyId: post.context.convoyId }, message),
  });
}

export async function commentOnPullAsApp(
  app: AppContext,
  repo: string,
  pr: number,
  body: string,
): Promise<void> {
  const client = await clientFor(app, repo);
  await client.rest.issues.createComment({ ...repoParams(repo), issue_number: pr, body });
}

async function clientFor(app: AppContext, repo: string) {
  const github = githubAppOf(app);
  if (!github) throw new GitHubAppMissingError();
  return github.installations.clientFor(repo);
}
