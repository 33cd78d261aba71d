// Runner records in Redis: a JSON string per runner and a set of their ids. One round trip each.
import { parseJson, parseRecord, runnerRecordSchema } from "./record-schemas.js";
import { luaScript } from "./redis-client.js";
import { errorContext, type RedisContext } from "./redis-context.js";
import { replyOptionalString, replyStrings } from "./redis-replies.js";
import { oldestFirst } from "./session-query.js";
import type { RunnerRecord } from "./store.js";

const saveScript = luaScript(
  "save-runner",
  `redis.call('SET', KEYS[1], ARGV[1])
return redis.call('SADD', KEYS[2], ARGV[2])`,
);
const getScript = luaScript("get-runner", `return redis.call('GET', KEYS[1])`);
const listScript = luaScript(
  "list-runners",
  `local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local json = redis.call('GET', ARGV[1] .. id)
  if json then out[#out + 1] = json end
end
return out`,
);

function runnerFrom(json: string, ctx: RedisContext, operation: string): RunnerRecord {
  const context = errorContext(ctx, operation);
  return parseRecord(runnerRecordSchema, parseJson(json, "A runner", context), "A runner", context);
}

export async function saveRunner(ctx: RedisContext, runner: RunnerRecord): Promise<void> {
  await ctx.client.evalScript(
    saveScript,
    [ctx.keys.runner(runner.id), ctx.keys.runners],
    [JSON.stringify(runner), runner.id],
  );
}

export async function getRunner(ctx: RedisContext, id: string): Promise<RunnerRecord | undefined> {
  const reply = await ctx.client.evalScript(getScript, [ctx.keys.runner(id)], []);
  const json = replyOptionalString(reply, errorContext(ctx, "getRunner", ctx.keys.runner(id)));
  return json === undefined ? undefined : runnerFrom(json, ctx, "getRunner");
}

export async function listRunners(ctx: RedisContext): Promise<RunnerRecord[]> {
  const reply = await ctx.client.evalScript(listScript, [ctx.keys.runners], [ctx.keys.runnerPrefix]);
  return replyStrings(reply, errorContext(ctx, "listRunners"))
    .map((json) => runnerFrom(json, ctx, "listRunners"))
    .sort(oldestFirst);
}
