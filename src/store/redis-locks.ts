// Expiring locks in Redis: SET NX PX with a random token to take one, and a compare-and-delete script to
// release it, so a holder whose lock expired (and was taken by someone else) cannot release the new one.
import { randomUUID } from "node:crypto";
import { luaScript } from "./redis-client.js";
import type { RedisContext } from "./redis-context.js";

const releaseScript = luaScript(
  "release-lock",
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
);

export async function acquireLock(
  ctx: RedisContext,
  name: string,
  ttlMs: number,
): Promise<string | undefined> {
  const token = randomUUID();
  return (await ctx.client.setIfAbsent(ctx.keys.lock(name), token, ttlMs)) ? token : undefined;
}

export async function releaseLock(ctx: RedisContext, name: string, token: string): Promise<void> {
  await ctx.client.evalScript(releaseScript, [ctx.keys.lock(name)], [token]);
}
