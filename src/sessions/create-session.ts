// Starts a session: stores it with its first effects (the spawn job, the "waiting for a runner" comment).
import type { NewSession, PendingEffect, Session } from "../core/session.js";
import { startSession } from "../core/start-session.js";
import type { AppContext } from "../server/app-context.js";
import { describeEffect } from "./describe.js";
import { drainOutbox } from "./drain-outbox.js";

/** The stored session, or undefined when a session with this id exists already. */
export async function createSession(
  app: AppContext,
  input: NewSession,
  options: { wait?: boolean } = {},
): Promise<Session | undefined> {
  const now = app.now();
  const config = await app.repoConfig(input.repo);
  const { session, effects } = startSession(input, { now, config });
  const outbox = effects.map(
    (effect, index): PendingEffect => ({
      id: `start:${session.id}/${index}`,
      effect,
      attempts: 0,
      notBefore: now,
    }),
  );
  const stored: Session = { ...session, outbox };
  if (!(await app.store.createSession(stored))) return undefined;
  await app.store.appendLog(session.id, [
    {
      at: now,
      kind: "event",
      summary: `session started for ${input.issue.url}${input.requestedBy ? ` by @${input.requestedBy}` : ""}`,
    },
    ...outbox.map((p) => ({ at: now, kind: "effect", summary: describeEffect(p.effect) })),
  ]);
  const drained = drainOutbox(app, session.id);
  if (options.wait) return (await drained) ?? stored;
  app.defer(drained);
  return stored;
}
