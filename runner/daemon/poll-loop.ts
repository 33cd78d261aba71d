// Asks the app for work: at once on start, then when the app's hint says (fast while jobs wait, slower while
// agents run, rarely when idle), never longer than the runner's own bound. The app unreachable → back off with
// jitter. While jobs are being worked on, their leases are extended well before they run out.
import { protocolVersion } from "../../src/protocol/version.js";
import { AppCallError, type AppClient } from "./app-client.js";
import { createBackoff, sleep } from "./backoff.js";
import type { DaemonContext } from "./daemon-context.js";
import type { JobRunner } from "./job-runner.js";

export interface PollLoop {
  /** Poll now instead of waiting for the hint (an agent exited: there may be room for the next). */
  wake(): void;
  stop(): Promise<void>;
  readonly lastPollAt: number | undefined;
  readonly lastError: string | undefined;
}

export function startPollLoop(
  ctx: DaemonContext,
  client: AppClient,
  jobs: JobRunner,
  onRefused: (error: AppCallError) => void,
): PollLoop {
  const stopping = new AbortController();
  const backoff = createBackoff({ baseMs: 500, maxMs: 60_000 });
  const { tuning } = ctx.config;
  let wakeEarly = new AbortController();
  let lastPollAt: number | undefined;
  let lastError: string | undefined;

  const heartbeat = setInterval(
    () => {
      const ids = jobs.inProgress();
      if (ids.length === 0) return;
      client
        .heartbeat({ protocol: protocolVersion, jobIds: ids, leaseMs: tuning.leaseMs })
        .then((reply) => {
          const lost = ids.filter((id) => !reply.held.includes(id));
          if (lost.length > 0)
            ctx.log.warn(
              { jobIds: lost },
              "the app took back jobs this runner still works on (their leases expired)",
            );
        })
        .catch((error: Error) => ctx.log.warn({ err: error.message }, "heartbeat failed"));
    },
    Math.max(500, Math.floor(tuning.leaseMs / 3)),
  );
  heartbeat.unref();

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let waitMs: number;
      try {
        const running = ctx.state.running().length;
        const reply = await client.poll({
          protocol: protocolVersion,
          capacity: ctx.config.capacity,
          running,
          repos: Object.keys(ctx.config.repos),
          leaseMs: tuning.leaseMs,
        });
        lastPollAt = Date.now();
        if (lastError) ctx.log.info("the app answers polls again");
        lastError = undefined;
        backoff.reset();
        for (const leased of reply.jobs) {
          ctx.log.info(
            { jobId: leased.id, kind: leased.job.kind, attempts: leased.attempts },
            "job received",
          );
          jobs.dispatch(leased);
        }
        waitMs = Math.min(reply.pollAfterMs, tuning.pollMaxMs);
      } catch (error) {
        if (!(error instanceof AppCallError)) throw error;
        if (error.status === 401) {
          onRefused(error);
          return;
        }
        if (!lastError)
          ctx.log.warn({ err: error.message, status: error.status }, "poll failed; retrying with back-off");
        lastError = error.message;
        waitMs = backoff.next();
      }
      if (stopping.signal.aborted) return;
      wakeEarly = new AbortController();
      await sleep(waitMs, wakeEarly.signal);
    }
  })();

  return {
    wake: () => wakeEarly.abort(),
    async stop() {
      clearInterval(heartbeat);
      stopping.abort();
      wakeEarly.abort();
      await loop;
    },
    get lastPollAt() {
      return lastPollAt;
    },
    get lastError() {
      return lastError;
    },
  };
}
