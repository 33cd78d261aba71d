// Runs the jobs the poll brings: one at a time per session (a send waits for its session's spawn), sessions in
// parallel. Each outcome goes into the event buffer as job.finished, so it reaches the app even if the app is
// down right now. A job handed out again after its lease expired is not run twice.
import type { LeasedJob } from "../../src/protocol/poll.js";
import type { DaemonContext } from "./daemon-context.js";
import { runReview } from "./jobs/review.js";
import { runSessionJob } from "./jobs/session-jobs.js";
import { spawnAgent } from "./jobs/spawn.js";

export interface JobRunner {
  dispatch(leased: LeasedJob): void;
  /** Ids of jobs being worked on, for the heartbeat. */
  inProgress(): string[];
  /** Resolves when every job dispatched so far has finished. */
  idle(): Promise<void>;
}

const rememberFinished = 500;

export function createJobRunner(ctx: DaemonContext): JobRunner {
  const chains = new Map<string, Promise<void>>();
  const working = new Set<string>();
  const finished = new Map<string, { ok: boolean; note?: string; error?: string }>();
  const all = new Set<Promise<void>>();

  const run = async (leased: LeasedJob): Promise<{ ok: boolean; note?: string; error?: string }> => {
    const { job } = leased;
    switch (job.kind) {
      case "spawn":
        return { ok: true, note: await spawnAgent(ctx, job) };
      case "send":
      case "kill":
      case "wipe":
      case "cleanup":
        return { ok: true, note: await runSessionJob(ctx, job) };
      case "notify":
        return { ok: true, note: await ctx.notifier.show(job) };
      case "review":
        return { ok: true, note: await runReview(ctx, job, leased.id) };
    }
  };

  return {
    dispatch(leased) {
      if (working.has(leased.id)) return;
      const earlier = finished.get(leased.id);
      if (earlier) {
        // Its first outcome arrived after the lease expired; the app gave it back to us: report it again.
        ctx.outbox.append({ type: "job.finished", jobId: leased.id, ...earlier });
        return;
      }
      working.add(leased.id);
      const key = "sessionId" in leased.job && leased.job.sessionId ? leased.job.sessionId : leased.id;
      const previous = chains.get(key) ?? Promise.resolve();
      const next = previous.then(async () => {
        const started = Date.now();
        let outcome: { ok: boolean; note?: string; error?: string };
        try {
          outcome = await run(leased);
        } catch (error) {
          outcome = { ok: false, error: (error as Error).message.slice(0, 4_000) };
          ctx.log.warn(
            { jobId: leased.id, kind: leased.job.kind, err: (error as Error).message },
            "job failed",
          );
        }
        ctx.log.info(
          { jobId: leased.id, kind: leased.job.kind, ok: outcome.ok, ms: Date.now() - started },
          "job finished",
        );
        ctx.outbox.append({ type: "job.finished", jobId: leased.id, ...outcome });
        working.delete(leased.id);
        finished.set(leased.id, outcome);
        if (finished.size > rememberFinished) finished.delete(finished.keys().next().value!);
      });
      chains.set(key, next);
      all.add(next);
      void next.finally(() => {
        all.delete(next);
        if (chains.get(key) === next) chains.delete(key);
      });
    },
    inProgress: () => [...working],
    async idle() {
      while (all.size > 0) await Promise.all([...all]);
    },
  };
}
