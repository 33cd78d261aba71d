// Runs work under a store lock shared by every instance of the app, waiting a little for a holder to finish.
import type { AppContext } from "../server/app-context.js";

export class LockBusyError extends Error {
  constructor(name: string) {
    super(`Another instance is still working on ${name}; it will be retried.`);
    this.name = "LockBusyError";
  }
}

export async function withLock<T>(
  app: AppContext,
  name: string,
  work: () => Promise<T>,
  options: { ttlMs?: number; waitMs?: number } = {},
): Promise<T> {
  const ttlMs = options.ttlMs ?? 30_000;
  const giveUpAt = Date.now() + (options.waitMs ?? 10_000);
  let token = await app.store.acquireLock(name, ttlMs);
  for (let pause = 20; !token; pause = Math.min(pause * 2, 250)) {
    if (Date.now() > giveUpAt) throw new LockBusyError(name);
    await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause));
    token = await app.store.acquireLock(name, ttlMs);
  }
  try {
    return await work();
  } finally {
    await app.store.releaseLock(name, token);
  }
}
