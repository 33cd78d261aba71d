// Carries out one effect the core decided on. Throws on failure so the outbox can retry it.
import { summarizeBatch } from "../core/batch.js";
import type { Effect, RunnerJob } from "../core/effects.js";
import type { PendingEffect, Session } from "../core/session.js";
import { checkRepoComplete } from "../notify/check-repo-complete.js";
import type { AppContext } from "../server/app-context.js";
import { collectCiOutput } from "./collect-ci-output.js";
import { queueFor } from "./job-queues.js";

/** Effects that only touch the store: fast, and done in order so the runner sees jobs in the order decided. */
export function isStoreEffect(effect: Effect): boolean {
  return ["enqueue_job", "send_to_agent", "clean_up", "schedule_timer", "cancel_timer"].includes(effect.type);
}

/** What happened, for the session's log: undefined when done, or why it was skipped. */
export type EffectOutcome = { skipped: string } | undefined;

export async function executeEffect(
  app: AppContext,
  session: Session,
  pending: PendingEffect,
): Promise<EffectOutcome> {
  const { effect } = pending;
  const { store, ports } = app;
  switch (effect.type) {
    case "enqueue_job":
      return enqueue(app, session, pending.id, effect.job);
    case "send_to_agent":
      return enqueue(app, session, pending.id, {
        kind: "send",
        sessionId: session.id,
        message: effect.message,
      });
    case "clean_up":
      return enqueue(app, session, pending.id, { kind: "cleanup", sessionId: session.id });
    case "schedule_timer":
      await store.scheduleTimer(session.id, effect.key, effect.at);
      return;
    case "cancel_timer":
      await store.cancelTimer(session.id, effect.key);
      return;
    case "notify":
      if (!ports.notifier) return { skipped: "no notification channel is configured" };
      await ports.notifier.notify(session, effect);
      return;
    case "comment":
      if (effect.target === "issue" && session.issue.tracker === "linear") {
        if (!ports.linear) return { skipped: "Linear is not configured" };
        await ports.linear.commentOnIssue(session, effect.body);
        return;
      }
      if (!ports.github) return { skipped: "no GitHub App is configured" };
      await ports.github.comment(session, effect.target, effect.body);
      return;
    case "set_labels":
      if (!ports.github) return { skipped: "no GitHub App is configured" };
      await ports.github.setLabels(session, effect.add, effect.remove);
      return;
    case "update_status":
      // The status shows in two places: the PR's sticky comment and, for Linear issues, the issue's state.
      if (session.issue.tracker === "linear" && ports.linear) await ports.linear.sessionChanged(session);
      if (!ports.github) return { skipped: "no GitHub App is configured" };
      await ports.github.updateStatus(session);
      return;
    case "merge":
      if (!ports.github) return { skipped: "no GitHub App is configured" };
      await ports.github.merge(session);
      return;
    case "collect_ci_output":
      return collectCiOutput(app, session, pending, effect);
    case "check_batch":
      return checkBatch(app, session);
  }
}

async function enqueue(
  app: AppContext,
  session: Session,
  id: string,
  job: RunnerJob,
): Promise<EffectOutcome> {
  const queue = queueFor(job, session);
  if (!queue) return { skipped: `no runner runs this session, so the ${job.kind} job has nowhere to go` };
  await app.store.enqueueJob({ id: `job_${id}`, queue, sessionId: session.id, payload: job }, app.now());
  return;
}

/** Sends the all-complete summary once, when the last session of the batch settles. */
async function checkBatch(app: AppContext, session: Session): Promise<EffectOutcome> {
  // Sessions spawned on their own are summed up per repo: when its last open session settles.
  if (!session.batchId) return checkRepoComplete(app, session);
  const sessions = await app.store.listSessions({ batchId: session.batchId });
  const summary = summarizeBatch(sessions);
  if (!summary) return;
  const config = await app.repoConfig(session.repo);
  const reaction = config.reactions["all-complete"];
  if (!reaction.enabled) return;
  // A batch completes once; a later change (a respawn) and a new completion would make a new batch.
  if (!(await app.store.markDelivery(`batch-complete:${session.batchId}`, 30 * 86_400_000))) return;
  if (!app.ports.notifier) return { skipped: "no notification channel is configured" };
  const links = [...summary.merged, ...summary.needReview, ...summary.failed]
    .map((s) => `- ${s.issue.title}: ${s.state.replace("_", " ")} ${s.pr?.url ?? s.issue.url}`)
    .join("\n");
  await app.ports.notifier.notify(session, {
    priority: reaction.priority,
    kind: "all-complete",
    title: summary.text,
    body: links,
    actions: ["open"],
  });
  return;
}
