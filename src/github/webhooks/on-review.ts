// pull_request_review submitted or dismissed: the reviewer's verdict with every comment of the review
// (file:line and text), so the agent gets one prompt per review rather than one per comment.
import type { ReviewVerdict } from "../../core/session.js";
import { repoParams } from "../github-client.js";
import { findPullRequestSession, pullRequestRef } from "../pull-requests/find-pr-session.js";
import { refreshMergeable } from "../pull-requests/refresh-mergeable.js";
import { timeOf } from "../time-of.js";
import { reviewCommentFact } from "./comment-facts.js";
import type { Prepare } from "./handle-delivery.js";
import { recordEvents } from "./record-events.js";

const verdicts: Record<string, ReviewVerdict> = {
  approved: "approved",
  changes_requested: "changes_requested",
  commented: "commented",
  dismissed: "dismissed",
};

export const onReview: Prepare<"pull_request_review"> = async ({
  app,
  github,
  context,
  repo,
  client,
  eventId,
}) => {
  const { action, review, pull_request: pr } = context.payload;
  if (action !== "submitted" && action !== "dismissed") return undefined;
  const verdict = action === "dismissed" ? "dismissed" : verdicts[review.state.toLowerCase()];
  if (!verdict) return undefined; // "pending": a draft review nobody else sees yet
  // Without the PR's update time: a review says nothing about when its head was pushed.
  const { at: _at, ...ref } = pullRequestRef(pr, repo);
  const found = await findPullRequestSession(app, repo, ref, { attach: true });
  if (!found) return undefined;
  const comments =
    action === "submitted"
      ? (
          await client.paginate(client.rest.pulls.listCommentsForReview, {
            ...repoParams(repo),
            pull_number: pr.number,
            review_id: review.id,
            per_page: 100,
          })
        ).map(reviewCommentFact)
      : [];
  const { session, attach } = found;
  return async () => {
    await recordEvents(app, session.id, repo, [
      ...(attach ? [{ ...attach, id: eventId("attach") }] : []),
      {
        type: "review.submitted",
        id: eventId(),
        reviewer: review.user?.login ?? "ghost",
        verdict,
        sha: review.commit_id,
        submittedAt: timeOf(review.submitted_at) ?? app.now(),
        ...(review.body ? { body: review.body } : {}),
        comments,
      },
    ]);
    // An approval may be the last thing missing; the session needs to know whether the PR merges cleanly.
    if (verdict === "approved" && session.pr?.mergeable == null)
      app.defer(
        refreshMergeable(app, github, {
          repo,
          sessionId: session.id,
          pr: pr.number,
          eventId: eventId("mergeable"),
        }),
      );
  };
};
