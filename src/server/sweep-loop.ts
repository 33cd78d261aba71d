// The local server's stand-in for Vercel's cron: a sweep every interval, never two at once.
import { sweep } from "../sessions/sweep.js";
import type { AppContext } from "./app-context.js";

export function startSweepLoop(app: AppContext, intervalMs = 30_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweep(app)
      .catch((error) => app.log.error({ err: error }, "sweep failed"))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
