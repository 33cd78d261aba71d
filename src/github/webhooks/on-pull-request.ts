// pull_request events: attach a PR to its session, then follow pushes, closing, reopening and mergeability.
// Labels on PRs are commands (on-pull-request-label.ts).
import type { SessionEvent } from "../../core/events.js";
import { reconcileChecks } from "../ci/reconcile-checks.js";
import { findPullRequestSession, pullRequestRef } from "../pull-requests/find-pr-session.js";
import { refreshMergeable } from "../pull-requests/refresh-mergeable.js";
import type { Prepare } from "./handle-delivery.js";
import { onPullRequestLabel } from "./on-pull-request-label.js";
import { recordEvents } from "./record-events.js";

/** Actions after which an unattached PR may belong to a session (a body edit can add "Closes #N"). */
const attachOn = new Set(["opened", "reopened", "edited", "synchronize", "ready_for_review"]);

export const onPullRequest: Prepare<"pull_request"> = async (delivery) => {
  const { app, github, context, repo, eventId } = delivery;
  const { action } = context.payload;
  if (action === "labeled" || action === "unlabeled")
    return onPullRequestLabel(delivery as Parameters<typeof onPullRequestLabel>[0]);
  const pr = context.payload.pull_request;
  const ref = pullRequestRef(pr, repo);
  const found = await findPullRequestSession(app, repo, ref, { attach: attachOn.has(action) });
  if (!found) return undefined;
  const events: SessionEvent[] = [];
  if (found.attach) events.push({ ...found.attach, id: eventId("attach") });
  if (action === "synchronize")
    events.push({
      type: "pr.synchronized",
      id: eventId(),
      headSha: pr.head.sha,
      ...(ref.at ? { at: ref.at } : {}),
    });
  if (action === "closed") events.push({ type: "pr.closed", id: eventId(), merged: pr.merged === true });
  if (action === "reopened") events.push({ type: "pr.reopened", id: eventId() });
  const open = pr.state === "open" && action !== "closed";
  if (open && typeof pr.mergeable === "boolean")
    events.push({
      type: "pr.mergeable",
      id: eventId("mergeable"),
      sha: pr.head.sha,
      mergeable: pr.mergeable,
    });
  if (events.length === 0) return undefined;
  const sessionId = found.session.id;
  return async () => {
    await recordEvents(app, sessionId, repo, events);
    if (open && pr.mergeable === null)
      app.defer(
        refreshMergeable(app, github, { repo, sessionId, pr: pr.number, eventId: eventId("mergeable") }),
      );
    if (found.attach)
      app.defer(
        reconcileChecks(app, github, { repo, sessionId, sha: pr.head.sha, eventId: eventId("checks") }),
      );
  };
};
