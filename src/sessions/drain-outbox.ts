// Carries out a session's pending effects: store effects in order, the rest in parallel; done ones leave the
// outbox, failed ones stay with a backoff, and after too many failures they are dropped with a log line.
import type { PendingEffect, Session } from "../core/session.js";
import type { AppContext } from "../server/app-context.js";
import type { LogEntry } from "../store/store.js";
import { describeEffect } from "./describe.js";
import { type EffectOutcome, executeEffect, isStoreEffect } from "./execute-effect.js";

const maxAttempts = 8;
const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);
/**
 * How long a drain holds the effects it took. Several drains of one session run at once (each webhook starts
 * one); claiming first means each effect is carried out by one of them (one comment, not two). A drain that
 * dies leaves its claim to expire, and the sweep carries the effects out then.
 */
const claimMs = 5 * 60_000;

type Result = { pending: PendingEffect; outcome: EffectOutcome } | { pending: PendingEffect; error: Error };

/** Drains running in this process, per app and session. */
const running = new WeakMap<
  AppContext,
  Map<string, { dirty: boolean; done: Promise<Session | undefined> }>
>();

/**
 * Carries out the session's due effects. A burst of webhooks for one session asks many times at once: while a
 * drain runs here, later requests wait for it and it goes round once more (their effects may have arrived
 * after it looked), so a burst costs two drains, not one each.
 */
export function drainOutbox(app: AppContext, sessionId: string): Promise<Session | undefined> {
  let drains = running.get(app);
  if (!drains) {
    drains = new Map();
    running.set(app, drains);
  }
  const current = drains.get(sessionId);
  if (current) {
    current.dirty = true;
    return current.done;
  }
  const drain = { dirty: false, done: Promise.resolve<Session | undefined>(undefined) };
  const sessions = drains;
  drain.done = (async () => {
    try {
      let session: Session | undefined;
      do {
        drain.dirty = false;
        session = await drainOnce(app, sessionId);
      } while (drain.dirty);
      return session;
    } finally {
      sessions.delete(sessionId);
    }
  })();
  drains.set(sessionId, drain);
  return drain.done;
}

async function drainOnce(app: AppContext, sessionId: string): Promise<Session | undefined> {
  const now = app.now();
  let unchanged: Session | undefined;
  const claimed = await app.store.updateSession(sessionId, (current) => {
    const due = current.outbox?.filter((p) => p.notBefore <= now) ?? [];
    if (due.length === 0) {
      unchanged = current;
      return undefined;
    }
    const ids = new Set(due.map((p) => p.id));
    const outbox = (current.outbox ?? []).map((p) =>
      ids.has(p.id) ? { ...p, notBefore: now + claimMs } : p,
    );
    return { session: { ...current, outbox }, result: due };
  });
  if (!claimed) return unchanged;
  const { session, result: due } = claimed;

  const results: Result[] = [];
  const run = async (pending: PendingEffect): Promise<Result> => {
    try {
      return { pending, outcome: await executeEffect(app, session, pending) };
    } catch (error) {
      return { pending, error: error as Error };
    }
  };
  for (const pending of due.filter((p) => isStoreEffect(p.effect))) results.push(await run(pending));
  results.push(...(await Promise.all(due.filter((p) => !isStoreEffect(p.effect)).map(run))));

  const log: LogEntry[] = [];
  const finished = new Set<string>();
  const failed = new Map<string, string>();
  for (const result of results) {
    const what = describeEffect(result.pending.effect);
    if ("error" in result) {
      app.log.warn({ sessionId, effect: result.pending.effect.type, err: result.error }, "effect failed");
      if (result.pending.attempts + 1 >= maxAttempts) {
        finished.add(result.pending.id);
        log.push({
          at: now,
          kind: "error",
          summary: `gave up after ${maxAttempts} attempts: ${what}: ${result.error.message}`,
        });
      } else {
        failed.set(result.pending.id, result.error.message);
        log.push({ at: now, kind: "error", summary: `${what} failed, will retry: ${result.error.message}` });
      }
    } else {
      finished.add(result.pending.id);
      if (result.outcome)
        log.push({ at: now, kind: "skipped", summary: `${what}: skipped, ${result.outcome.skipped}` });
    }
  }
  const updated = await app.store.updateSession(sessionId, (current) => {
    const outbox = (current.outbox ?? [])
      .filter((p) => !finished.has(p.id))
      .map((p) => {
        const error = failed.get(p.id);
        return error === undefined
          ? p
          : { ...p, attempts: p.attempts + 1, lastError: error, notBefore: now + backoffMs(p.attempts + 1) };
      });
    return { session: { ...current, outbox }, result: undefined };
  });
  if (log.length > 0) await app.store.appendLog(sessionId, log);
  return updated?.session;
}
