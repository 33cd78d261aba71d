// issue_comment.created: a `/drover` command, or (on a session's PR) a comment for the agent. Drover's own
// comments (status, answers) are never read back.

import { parseCommand } from "../commands/parse-command.js";
import { prepareCommand } from "../commands/prepare-command.js";
import { statusMarker } from "../status/render-status.js";
import { issueCommentFact } from "./comment-facts.js";
import type { Prepare } from "./handle-delivery.js";
import { recordEvents } from "./record-events.js";

export const onIssueCommentCreated: Prepare<"issue_comment.created"> = async (delivery) => {
  const { app, github, context, repo, eventId } = delivery;
  const { comment, issue } = context.payload;
  if (comment.performed_via_github_app?.id === github.appId || comment.body.includes(statusMarker))
    return undefined;
  const command = parseCommand(comment.body);
  if (command) return prepareCommand(delivery, command);
  // On an issue a plain comment is conversation between people; on the session's PR it is for the agent.
  if (!issue.pull_request) return undefined;
  const session = await app.store.findSessionByPr(repo, issue.number);
  if (!session) return undefined;
  return () =>
    recordEvents(app, session.id, repo, [
      { type: "comments.added", id: eventId(), comments: [issueCommentFact(comment)] },
    ]);
};
