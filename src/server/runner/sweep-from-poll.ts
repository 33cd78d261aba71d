// Runner polls double as a sweep trigger, so timers fire even where no cron runs (a local `drover serve` is
// covered by its loop; a serverless app between cron ticks is not). At most one every 30 s across all
// instances: a lock that is never released but expires is the throttle; the sweep keeps its own lock.
import { sweep } from "../../sessions/sweep.js";
import type { AppContext } from "../app-context.js";

const everyMs = 30_000;
/** Per app context (a warm instance), so it saves the store call when this instance tried a moment ago. */
const lastAttempt = new WeakMap<AppContext, number>();

export function sweepFromPoll(app: AppContext): void {
  const now = app.now();
  if (now - (lastAttempt.get(app) ?? Number.NEGATIVE_INFINITY) < everyMs) return;
  lastAttempt.set(app, now);
  app.defer(
    (async () => {
      if (!(await app.store.acquireLock("sweep-from-poll", everyMs))) return;
      const result = await sweep(app);
      if (result.timersFired > 0 || result.outboxesDrained > 0)
        app.log.info(result, "sweep during a runner poll");
    })(),
  );
}
