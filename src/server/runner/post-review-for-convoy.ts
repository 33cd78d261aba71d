// Posts the PR review for a convoy result the app has stored, once: under a lock, and only while the convoy's
// log holds no posted review, so a result sent twice (or handled by two instances at once) posts one review.
// GitHub failing is tried again a few times; what finally happened is written to the convoy's log.
import { setTimeout as sleep } from "node:timers/promises";
import { NotInstalledError } from "../../github/installations.js";
import { GitHubAppMissingError, postConvoyReviewAsApp } from "../../github/review-as-app.js";
import type { AppContext } from "../app-context.js";
import { appendConvoyLog, readConvoy } from "./convoy-log.js";

/** Waits before the 2nd and 3rd attempt. */
const retryDelaysMs = [1_000, 5_000];

export async function postReviewForConvoy(app: AppContext, convoyId: string): Promise<void> {
  const lock = `convoy-review:${convoyId}`;
  const token = await app.store.acquireLock(lock, 5 * 60_000);
  // Another instance is posting it right now.
  if (!token) return;
  try {
    const convoy = await readConvoy(app, convoyId);
    if (!convoy?.result || convoy.review) return;
    const { result } = convoy;
    const post = {
      repo: convoy.repo,
      pr: convoy.pr,
      headSha: result.headSha,
      result: result.result,
      context: { convoyId, template: result.template, status: result.status },
    };
    let lastError: Error | undefined;
    for (let attempt = 0; attempt <= retryDelaysMs.length; attempt++) {
      if (attempt > 0) await sleep(retryDelaysMs[attempt - 1]!);
      try {
        const posted = await postConvoyReviewAsApp(app, post);
        const where = posted.followUpReviewId ?? posted.summaryReviewId;
        await appendConvoyLog(
          app,
          convoyId,
          "review",
          `review ${posted.action} on ${convoy.repo}#${convoy.pr}${where ? ` (${where})` : ""}: ${posted.inline} inline, ${posted.outside} in the body, ${posted.repeated} not repeated`,
          posted,
        );
        return;
      } catch (error) {
        lastError = error as Error;
        // Waiting does not install the app or configure it.
        if (error instanceof NotInstalledError || error instanceof GitHubAppMissingError) break;
        app.log.warn({ convoyId, attempt, err: lastError.message }, "posting a convoy review failed");
      }
    }
    const message = lastError?.message ?? "unknown error";
    app.log.error(
      { convoyId, repo: convoy.repo, pr: convoy.pr, err: message },
      "the convoy review was not posted",
    );
    await appendConvoyLog(app, convoyId, "review_failed", `the review was not posted: ${message}`, {
      error: message.slice(0, 4_000),
    });
  } finally {
    await app.store.releaseLock(lock, token);
  }
}
