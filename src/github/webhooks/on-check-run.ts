// check_run events: one check's result for a SHA, for each session whose PR it ran on. A failure is recorded at
// once (the PR is not green) and its output is fetched afterwards by the collect_ci_output effect.
import type { SessionEvent } from "../../core/events.js";
import { checkRunResult } from "../ci/check-results.js";
import type { Prepare } from "./handle-delivery.js";
import { recordEvents } from "./record-events.js";
import { sessionsForChecks } from "./sessions-for-checks.js";

export const onCheckRun: Prepare<"check_run"> = async ({ app, context, repo, eventId }) => {
  const { check_run: run, repository } = context.payload;
  const targets = await sessionsForChecks(
    app,
    { fullName: repo, htmlUrl: repository.html_url },
    run.pull_requests,
    run.check_suite?.head_branch,
    { attach: true },
  );
  if (targets.length === 0) return undefined;
  const result = checkRunResult(run);
  return async () => {
    for (const { session, attach } of targets) {
      const events: SessionEvent[] = [];
      if (attach) events.push({ ...attach, id: eventId("attach") });
      events.push({ type: "ci.result", id: eventId(), sha: run.head_sha, checks: [result] });
      await recordEvents(app, session.id, repo, events);
    }
  };
};
