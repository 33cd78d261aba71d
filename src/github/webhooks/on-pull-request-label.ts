// Labels on a PR as commands: the review label queues a convoy review (and is taken off again, so adding it
// once more asks for another), the automerge label turns auto-merge on for the PR's session (off when removed).
import { repoParams } from "../github-client.js";
import { queueReview, reviewQueuedText } from "../queue-review.js";
import type { Delivery, Prepare } from "./handle-delivery.js";
import { mayAct, refusal } from "./may-act.js";
import { recordEvents } from "./record-events.js";

export const onPullRequestLabel: Prepare<"pull_request"> = async ({
  app,
  github,
  context,
  repo,
  client,
  eventId,
}: Delivery<"pull_request">) => {
  const { payload } = context;
  const label = (payload as { label?: { name: string } }).label?.name;
  const added = payload.action === "labeled";
  const { config } = await github.configs.load(repo);
  const isReview = added && label === config.labels.review;
  const isAutomerge = label === config.labels.automerge;
  if (!isReview && !isAutomerge) return undefined;
  const sender = payload.sender;
  if (!sender) return undefined;
  const session = await app.store.findSessionByPr(repo, payload.number);
  if (isAutomerge && !session) return undefined; // Drover only merges the PRs its sessions opened
  const verdict = await mayAct(client, repo, config, sender);
  if (verdict === "ignored") return undefined;
  const params = { ...repoParams(repo), issue_number: payload.number };
  if (verdict === "refused")
    return async () => {
      await client.rest.issues.createComment({ ...params, body: refusal(sender.login, repo) });
    };
  if (isAutomerge && session)
    return () =>
      recordEvents(app, session.id, repo, [
        { type: "human.automerge", id: eventId(), by: sender.login, enabled: added },
      ]);
  return async () => {
    const { runnerAvailable } = await queueReview(app, {
      repo,
      pr: payload.number,
      deliveryId: context.id,
      ...(session ? { sessionId: session.id } : {}),
    });
    try {
      await client.rest.issues.removeLabel({ ...params, name: config.labels.review });
    } catch (error) {
      // Cosmetic: the review is queued either way; the label just stays until someone removes it.
      context.log.warn({ err: error, repo, pr: payload.number }, "could not take the review label off");
    }
    if (!runnerAvailable)
      await client.rest.issues.createComment({ ...params, body: reviewQueuedText(repo, false) });
  };
};
