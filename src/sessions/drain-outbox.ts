// Carries out a session's pending effects: store effects in order, the rest in parallel; done ones leave the
// outbox, failed ones stay with a backoff, and after too many failures they are dropped with a log line.
import type { PendingEffect, Session } from "../core/session.js";
import type { AppContext } from "../server/app-context.js";
import type { LogEntry } from "../store/store.js";
import { describeEffect } from "./describe.js";
import { type EffectOutcome, executeEffect, isStoreEffect } from "./execute-effect.js";

const maxAttempts = 8;
const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);

type Result = { pending: PendingEffect; outcome: EffectOutcome } | { pending: PendingEffect; error: Error };

export async function drainOutbox(app: AppContext, sessionId: string): Promise<Session | undefined> {
  const session = await app.store.getSession(sessionId);
  const now = app.now();
  const due = session?.outbox?.filter((p) => p.notBefore <= now) ?? [];
  if (!session || due.length === 0) return session;

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
