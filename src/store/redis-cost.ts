// Cost aggregates in Redis. One script per report keeps the last cumulative totals seen for (agent session,
// model, day) and adds only the increase to the session, issue and day hashes ("<model>|<counter>" fields,
// whole micro-dollars). One round trip per report and per read.

import {
  type CostCounterField,
  type CostCounters,
  costAccount,
  costByModelOf,
  costCounterFields,
  countersOf,
  issueCostKey,
  zeroCounters,
} from "./cost-counters.js";
import { luaScript, type RedisReply } from "./redis-client.js";
import { errorContext, type RedisContext } from "./redis-context.js";
import { numberField, replyArray, replyHash, replyString } from "./redis-replies.js";
import type { CostByModel, CostReport, CostScope } from "./store.js";
import { StoreDataError, type StoreErrorContext } from "./store-errors.js";

// KEYS: last seen, session, issue, day and account-day aggregates, issues with cost, days with cost.
// ARGV: model, issue member, day, then the five counters in costCounterFields order.
// string.format('%d') because Lua prints large numbers in %.14g, which HINCRBY would refuse.
const recordScript = luaScript(
  "record-cost",
  `local fields = {${costCounterFields.map((field) => `'${field}'`).join(", ")}}
local last = redis.call('HMGET', KEYS[1], unpack(fields))
local added = 0
for i, field in ipairs(fields) do
  local reported = tonumber(ARGV[3 + i])
  local seen = tonumber(last[i]) or 0
  if reported > seen then
    local delta = string.format('%d', reported - seen)
    redis.call('HSET', KEYS[1], field, ARGV[3 + i])
    for k = 2, 5 do redis.call('HINCRBY', KEYS[k], ARGV[1] .. '|' .. field, delta) end
    added = 1
  end
end
if added == 1 then
  redis.call('SADD', KEYS[6], ARGV[2])
  redis.call('ZADD', KEYS[7], 0, ARGV[3])
end
return added`,
);

const readScript = luaScript("read-cost", `return redis.call('HGETALL', KEYS[1])`);

// KEYS[1]: days with cost. ARGV: first day, last day, then the day aggregate key prefixes to read (the
// store-wide one, or one per account). Returns day, {hash per prefix}, day, {hash per prefix}…
const byDayScript = luaScript(
  "read-cost-by-day",
  `local out = {}
for _, day in ipairs(redis.call('ZRANGEBYLEX', KEYS[1], '[' .. ARGV[1], '[' .. ARGV[2])) do
  local hashes = {}
  for i = 3, #ARGV do hashes[#hashes + 1] = redis.call('HGETALL', ARGV[i] .. day) end
  out[#out + 1] = day
  out[#out + 1] = hashes
end
return out`,
);

// KEYS[1]: issues with cost. ARGV[1]: issue aggregate key prefix. Returns issue, hash, issue, hash…
const byIssueScript = luaScript(
  "read-cost-by-issue",
  `local out = {}
for _, issue in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  out[#out + 1] = issue
  out[#out + 1] = redis.call('HGETALL', ARGV[1] .. issue)
end
return out`,
);

/** Adds one "<model>|<counter>" hash to `byModel`; several hashes (one per account) sum up. */
function addHash(byModel: Map<string, CostCounters>, reply: RedisReply, context: StoreErrorContext): void {
  for (const [name, value] of Object.entries(replyHash(reply, context))) {
    const bar = name.lastIndexOf("|");
    const field = name.slice(bar + 1) as CostCounterField;
    if (bar < 0 || !costCounterFields.includes(field)) {
      throw new StoreDataError(
        `Cost field "${name}" is not "<model>|<counter>"; fix or delete that hash.`,
        context,
      );
    }
    const model = name.slice(0, bar);
    const counters = byModel.get(model) ?? zeroCounters();
    counters[field] += numberField(value, `Cost field "${name}"`, context);
    byModel.set(model, counters);
  }
}

function costFrom(reply: RedisReply, context: StoreErrorContext): CostByModel {
  const byModel = new Map<string, CostCounters>();
  addHash(byModel, reply, context);
  return costByModelOf(byModel);
}

function pairsFrom(reply: RedisReply, context: StoreErrorContext): Record<string, CostByModel> {
  const flat = replyArray(reply, context);
  const out: Record<string, CostByModel> = {};
  for (let i = 0; i < flat.length; i += 2)
    out[replyString(flat[i]!, context)] = costFrom(flat[i + 1]!, context);
  return out;
}

export async function recordCost(ctx: RedisContext, report: CostReport): Promise<void> {
  const counters = countersOf(report, errorContext(ctx, "recordCost"));
  const issue = issueCostKey(report.repo, report.issueKey);
  const k = ctx.keys;
  await ctx.client.evalScript(
    recordScript,
    [
      k.costLast(report.agentSessionId, report.model, report.day),
      k.costBySession(report.sessionId),
      k.costByIssue(issue),
      k.costByDay(report.day),
      k.costByAccountDay(costAccount(report.repo), report.day),
      k.costIssues,
      k.costDays,
    ],
    [report.model, issue, report.day, ...costCounterFields.map((field) => String(counters[field]))],
  );
}

export async function readCost(ctx: RedisContext, scope: CostScope): Promise<CostByModel> {
  const key =
    scope.kind === "session"
      ? ctx.keys.costBySession(scope.sessionId)
      : scope.kind === "issue"
        ? ctx.keys.costByIssue(issueCostKey(scope.repo, scope.issueKey))
        : ctx.keys.costByDay(scope.day);
  return costFrom(await ctx.client.evalScript(readScript, [key], []), errorContext(ctx, "readCost", key));
}

export async function readCostByDay(
  ctx: RedisContext,
  fromDay: string,
  toDay: string,
  accounts?: readonly string[],
): Promise<Record<string, CostByModel>> {
  const prefixes = accounts
    ? [...new Set(accounts.map((a) => a.toLowerCase()))].map(ctx.keys.costByAccountDayPrefix)
    : [ctx.keys.costByDayPrefix];
  if (prefixes.length === 0) return {};
  const context = errorContext(ctx, "readCostByDay");
  const flat = replyArray(
    await ctx.client.evalScript(byDayScript, [ctx.keys.costDays], [fromDay, toDay, ...prefixes]),
    context,
  );
  const out: Record<string, CostByModel> = {};
  for (let i = 0; i < flat.length; i += 2) {
    const byModel = new Map<string, CostCounters>();
    for (const hash of replyArray(flat[i + 1]!, context)) addHash(byModel, hash, context);
    // A day with cost, but none of these accounts'.
    if (byModel.size > 0) out[replyString(flat[i]!, context)] = costByModelOf(byModel);
  }
  return out;
}

export async function readCostByIssue(ctx: RedisContext): Promise<Record<string, CostByModel>> {
  const reply = await ctx.client.evalScript(
    byIssueScript,
    [ctx.keys.costIssues],
    [ctx.keys.costByIssuePrefix],
  );
  return pairsFrom(reply, errorContext(ctx, "readCostByIssue"));
}
