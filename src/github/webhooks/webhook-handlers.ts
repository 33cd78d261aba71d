// The Probot app: which webhook events Drover listens to and who handles each. app.yml subscribes to exactly
// `subscribedEvents` (a test holds the two together); installation events come to every app unasked.
import type { EmitterWebhookEventName } from "@octokit/webhooks";
import type { ApplicationFunction } from "probot";
import type { AppContext } from "../../server/app-context.js";
import type { GitHubApp } from "../github-app.js";
import { handleDelivery, type Prepare } from "./handle-delivery.js";
import { onCheckRun } from "./on-check-run.js";
import { onCheckSuiteCompleted } from "./on-check-suite.js";
import { onInstallation } from "./on-installation.js";
import { onIssueCommentCreated } from "./on-issue-comment.js";
import { onIssuesLabeled } from "./on-issues-labeled.js";
import { onPullRequest } from "./on-pull-request.js";
import { onPush } from "./on-push.js";
import { onReview } from "./on-review.js";
import { onReviewCommentCreated } from "./on-review-comment.js";
import { onStatus } from "./on-status.js";

export const subscribedEvents = [
  "issues",
  "issue_comment",
  "pull_request",
  "pull_request_review",
  "pull_request_review_comment",
  "check_suite",
  "check_run",
  "status",
  "push",
] as const;

type Subscribed = (typeof subscribedEvents)[number];
/** An event (or event.action) the app subscribes to: a handler for anything else would never be called. */
type Heard = Extract<EmitterWebhookEventName, Subscribed | `${Subscribed}.${string}`>;

/** Only lets through events the app subscribes to, so a handler that would never be called does not compile. */
const heard = <E extends Heard>(event: E): E => event;

export function webhookHandlers(app: AppContext, github: GitHubApp): ApplicationFunction {
  return (probot) => {
    const handle = <E extends EmitterWebhookEventName>(prepare: Prepare<E>) =>
      handleDelivery(app, github, prepare);
    probot.on(heard("issues.labeled"), handle(onIssuesLabeled));
    probot.on(heard("issue_comment.created"), handle(onIssueCommentCreated));
    probot.on(heard("pull_request"), handle(onPullRequest));
    probot.on(heard("pull_request_review"), handle(onReview));
    probot.on(heard("pull_request_review_comment.created"), handle(onReviewCommentCreated));
    probot.on(heard("check_run"), handle(onCheckRun));
    probot.on(heard("check_suite.completed"), handle(onCheckSuiteCompleted));
    probot.on(heard("status"), handle(onStatus));
    probot.on(heard("push"), handle(onPush));
    probot.on(["installation", "installation_repositories"], async (context) =>
      onInstallation(github, context),
    );
  };
}
