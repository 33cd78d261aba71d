// The sweep: fires due timers and finishes effects left in outboxes. Runs from the cron route and during
// runner polls, under a lock so two sweeps never fire the same timer twice.
import type { AppContext } from "../server/app-context.js";
import { drainOutbox } from "./drain-outbox.js";
import { handleSessionEvent } from "./handle-event.js";

export interface SweepResult {
  ran: boolean;
  timersFired: number;
  outboxesDrained: number;
}

const lockTtlMs = 55_000;

export async function sweep(app: AppContext, options: { timerLimit?: number } = {}): Promise<SweepResult> {
  const token = await app.store.acquireLock("sweep", lockTtlMs);
  if (!token) return { ran: false, timersFired: 0, outboxesDrained: 0 };
  try {
    const now = app.now();
    const due = await app.store.takeDueTimers(now, options.timerLimit ?? 200);
    for (const timer of due) {
      const id = `timer:${timer.sessionId}:${timer.key}:${timer.at}`;
      await handleSessionEvent(
        app,
        timer.sessionId,
        { type: "timer.due", key: timer.key, id },
        { wait: true },
      );
    }
    const sessions = await app.store.listSessions({ withOutbox: true });
    const waiting = sessions.filter((s) => s.outbox?.some((p) => p.notBefore <= now));
    for (const session of waiting) await drainOutbox(app, session.id);
    return { ran: true, timersFired: due.length, outboxesDrained: waiting.length };
  } finally {
    await app.store.releaseLock("sweep", token);
  }
}
