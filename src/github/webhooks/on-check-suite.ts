// check_suite.completed: every check of the suite has reported. The check runs were followed one by one; this
// reads them all again after the webhook (catching up a lost delivery) and asks GitHub for mergeability if
// the session still does not know it.
import { reconcileChecks } from "../ci/reconcile-checks.js";
import { refreshMergeable } from "../pull-requests/refresh-mergeable.js";
import type { Prepare } from "./handle-delivery.js";
import { sessionsForChecks } from "./sessions-for-checks.js";

export const onCheckSuiteCompleted: Prepare<"check_suite.completed"> = async ({
  app,
  github,
  context,
  repo,
  eventId,
}) => {
  const { check_suite: suite, repository } = context.payload;
  const targets = await sessionsForChecks(
    app,
    { fullName: repo, htmlUrl: repository.html_url },
    suite.pull_requests,
    suite.head_branch,
    { attach: false },
  );
  if (targets.length === 0) return undefined;
  return async () => {
    for (const { session } of targets) {
      const sha = suite.head_sha;
      app.defer(
        reconcileChecks(app, github, { repo, sessionId: session.id, sha, eventId: eventId("checks") }),
      );
      if (session.pr && session.pr.status === "open" && session.pr.mergeable === null)
        app.defer(
          refreshMergeable(app, github, {
            repo,
            sessionId: session.id,
            pr: session.pr.number,
            eventId: eventId("mergeable"),
          }),
        );
    }
  };
};
