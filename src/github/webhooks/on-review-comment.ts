// pull_request_review_comment.created from bots (linters, scanners): handed to the agent as bot comments.
// People's inline comments reach the agent with their review (pull_request_review), all in one prompt; the
// core also remembers comment ids, so a comment seen both ways is handed over once.
import { reviewCommentFact } from "./comment-facts.js";
import type { Prepare } from "./handle-delivery.js";
import { isBot } from "./may-act.js";
import { recordEvents } from "./record-events.js";

export const onReviewCommentCreated: Prepare<"pull_request_review_comment.created"> = async ({
  app,
  context,
  repo,
  eventId,
}) => {
  const { comment, pull_request: pr } = context.payload;
  if (!comment.user || !isBot(comment.user)) return undefined;
  const session = await app.store.findSessionByPr(repo, pr.number);
  if (!session) return undefined;
  return () =>
    recordEvents(app, session.id, repo, [
      { type: "comments.added", id: eventId(), comments: [reviewCommentFact(comment)] },
    ]);
};
