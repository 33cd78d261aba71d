// Session timers in Redis: one sorted set of "<timer key>|<session id>" scored by due time. Scheduling again
// moves the timer (ZADD replaces the score); taking due timers removes them in the same script, so two
// sweeps racing each get different timers. One round trip each.
import type { TimerKey } from "../core/session.js";
import { luaScript } from "./redis-client.js";
import { errorContext, type RedisContext } from "./redis-context.js";
import { numberField, replyStrings } from "./redis-replies.js";
import type { DueTimer } from "./store.js";
import { StoreDataError } from "./store-errors.js";
import { parseTimerMember, timerMember } from "./timer-member.js";

const scheduleScript = luaScript("schedule-timer", `return redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])`);
const cancelScript = luaScript("cancel-timer", `return redis.call('ZREM', KEYS[1], ARGV[1])`);
const takeScript = luaScript(
  "take-due-timers",
  `local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, ARGV[2])
for i = 1, #due, 2 do redis.call('ZREM', KEYS[1], due[i]) end
return due`,
);

export async function scheduleTimer(
  ctx: RedisContext,
  sessionId: string,
  key: TimerKey,
  at: number,
): Promise<void> {
  await ctx.client.evalScript(scheduleScript, [ctx.keys.timers], [String(at), timerMember(sessionId, key)]);
}

export async function cancelTimer(ctx: RedisContext, sessionId: string, key: TimerKey): Promise<void> {
  await ctx.client.evalScript(cancelScript, [ctx.keys.timers], [timerMember(sessionId, key)]);
}

export async function takeDueTimers(ctx: RedisContext, now: number, limit: number): Promise<DueTimer[]> {
  const count = Math.floor(limit);
  if (!(count >= 1)) return [];
  const context = errorContext(ctx, "takeDueTimers", ctx.keys.timers);
  const flat = replyStrings(
    await ctx.client.evalScript(takeScript, [ctx.keys.timers], [String(now), String(count)]),
    context,
  );
  const timers: DueTimer[] = [];
  const broken: StoreDataError[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    try {
      const { sessionId, key } = parseTimerMember(flat[i]!, context);
      timers.push({ sessionId, key, at: numberField(flat[i + 1]!, "A timer's due time", context) });
    } catch (error) {
      if (!(error instanceof StoreDataError)) throw error;
      broken.push(error);
    }
  }
  if (broken.length > 0) {
    // Hand the good timers back before reporting the broken ones, so corrupt entries cost no wake-ups.
    for (const timer of timers) await scheduleTimer(ctx, timer.sessionId, timer.key, timer.at);
    throw new StoreDataError(broken.map((error) => error.message).join("\n"), context, { cause: broken[0] });
  }
  return timers;
}
