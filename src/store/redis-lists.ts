// Short-lived lists in Redis: RPUSH, trim to the newest items and PEXPIRE in one script, read with LRANGE.
// One round trip each.
import { luaScript } from "./redis-client.js";
import { errorContext, type RedisContext } from "./redis-context.js";
import { replyInteger, replyStrings } from "./redis-replies.js";
import { listMaxItems } from "./store-limits.js";

// ARGV: ttl ms, max items, then the items. With no items the list (and its expiry) stays as it is.
const appendScript = luaScript(
  "append-list",
  `if #ARGV > 2 then
  for i = 3, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
  redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return redis.call('LLEN', KEYS[1])`,
);
const readScript = luaScript("read-list", `return redis.call('LRANGE', KEYS[1], 0, -1)`);

export async function appendToList(
  ctx: RedisContext,
  name: string,
  items: string[],
  ttlMs: number,
): Promise<number> {
  const key = ctx.keys.list(name);
  const reply = await ctx.client.evalScript(
    appendScript,
    [key],
    [String(ttlMs), String(listMaxItems), ...items],
  );
  return replyInteger(reply, errorContext(ctx, "appendToList", key));
}

export async function readList(ctx: RedisContext, name: string): Promise<string[]> {
  const key = ctx.keys.list(name);
  return replyStrings(await ctx.client.evalScript(readScript, [key], []), errorContext(ctx, "readList", key));
}
