// Per-session event logs in Redis: a list of JSON entries, appended and trimmed to the newest `max` in one
// script (RPUSH + LTRIM), read with LRANGE. One round trip each.
import { logEntrySchema, parseJson, parseRecord } from "./record-schemas.js";
import { luaScript } from "./redis-client.js";
import { errorContext, type RedisContext } from "./redis-context.js";
import { replyStrings } from "./redis-replies.js";
import type { LogEntry } from "./store.js";

const appendScript = luaScript(
  "append-log",
  `for i = 2, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1)
return 1`,
);
const readScript = luaScript("read-log", `return redis.call('LRANGE', KEYS[1], ARGV[1], -1)`);

export async function appendLog(
  ctx: RedisContext,
  sessionId: string,
  entries: LogEntry[],
  max: number,
): Promise<void> {
  if (entries.length === 0) return;
  await ctx.client.evalScript(
    appendScript,
    [ctx.keys.log(sessionId)],
    [String(max), ...entries.map((entry) => JSON.stringify(entry))],
  );
}

export async function readLog(ctx: RedisContext, sessionId: string, limit?: number): Promise<LogEntry[]> {
  const key = ctx.keys.log(sessionId);
  const start = limit === undefined ? "0" : String(-limit);
  const context = errorContext(ctx, "readLog", key);
  return replyStrings(await ctx.client.evalScript(readScript, [key], [start]), context).map((json) =>
    parseRecord(logEntrySchema, parseJson(json, "A log entry", context), "A log entry", context),
  );
}
