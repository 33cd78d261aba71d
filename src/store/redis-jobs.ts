// The runner job queue in Redis: a hash per job, a FIFO sorted set per queue, and one sorted set of leases
// by expiry so expired leases are found without a scan. Every operation is one script, one round trip.
import { jobRecordSchema, parseJson, parseRecord } from "./record-schemas.js";
import { luaScript } from "./redis-client.js";
import { errorContext, type RedisContext } from "./redis-context.js";
import { replyArray, replyHash, replyInteger, replyStrings } from "./redis-replies.js";
import type { JobRecord, JobState, NewJob } from "./store.js";
import { defaultMaxAttempts } from "./store-limits.js";

/** Bounds one script's work (and its time holding Redis) whatever a runner asks for. */
const maxLeasePerCall = 1000;

// KEYS: job hash, queue, all jobs, sequence counter, [jobs of the session]. ARGV: id, queue, payload json,
// enqueuedAt, sessionId. Enqueueing an id that exists does nothing: effects may be executed twice.
const enqueueScript = luaScript(
  "enqueue-job",
  `if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local seq = redis.call('INCR', KEYS[4])
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'queue', ARGV[2], 'payload', ARGV[3], 'state', 'queued',
  'attempts', '0', 'enqueuedAt', ARGV[4], 'seq', seq)
redis.call('ZADD', KEYS[2], seq, ARGV[1])
redis.call('ZADD', KEYS[3], seq, ARGV[1])
if KEYS[5] then
  redis.call('HSET', KEYS[1], 'sessionId', ARGV[5])
  redis.call('ZADD', KEYS[5], seq, ARGV[1])
end
return 1`,
);

// KEYS: leases, then the queues to take from. ARGV: runner, max, leaseUntil, now, maxAttempts, job key
// prefix, queue key prefix. First every expired lease goes back to its queue (at its old place) or fails;
// then the oldest queued jobs across the queues are leased.
const leaseScript = luaScript(
  "lease-jobs",
  `local max = tonumber(ARGV[2])
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[4], 'LIMIT', 0, 1000)) do
  redis.call('ZREM', KEYS[1], id)
  local job = ARGV[6] .. id
  local f = redis.call('HMGET', job, 'state', 'attempts', 'queue', 'seq')
  if f[1] == 'leased' then
    redis.call('HDEL', job, 'runnerId', 'leaseUntil')
    if tonumber(f[2]) >= tonumber(ARGV[5]) then
      redis.call('HSET', job, 'state', 'failed', 'finishedAt', ARGV[4],
        'error', 'leased ' .. f[2] .. ' times and the lease expired each time without the job finishing')
    else
      redis.call('HSET', job, 'state', 'queued')
      redis.call('ZADD', ARGV[7] .. f[3], f[4], id)
    end
  end
end
local candidates = {}
for i = 2, #KEYS do
  local r = redis.call('ZRANGE', KEYS[i], 0, max - 1, 'WITHSCORES')
  for j = 1, #r, 2 do candidates[#candidates + 1] = { id = r[j], seq = tonumber(r[j + 1]), queue = KEYS[i] } end
end
table.sort(candidates, function(a, b) return a.seq < b.seq end)
local out = {}
for _, c in ipairs(candidates) do
  if #out >= max then break end
  redis.call('ZREM', c.queue, c.id)
  local job = ARGV[6] .. c.id
  if redis.call('HGET', job, 'state') == 'queued' then
    redis.call('HSET', job, 'state', 'leased', 'runnerId', ARGV[1], 'leaseUntil', ARGV[3])
    redis.call('HINCRBY', job, 'attempts', 1)
    redis.call('ZADD', KEYS[1], ARGV[3], c.id)
    out[#out + 1] = redis.call('HGETALL', job)
  end
end
return out`,
);

// KEYS: leases. ARGV: runner, new leaseUntil, now, job key prefix, job ids…
const extendScript = luaScript(
  "extend-leases",
  `local held = {}
for i = 5, #ARGV do
  local job = ARGV[4] .. ARGV[i]
  local f = redis.call('HMGET', job, 'state', 'runnerId', 'leaseUntil')
  if f[1] == 'leased' and f[2] == ARGV[1] and tonumber(f[3]) > tonumber(ARGV[3]) then
    redis.call('HSET', job, 'leaseUntil', ARGV[2])
    redis.call('ZADD', KEYS[1], ARGV[2], ARGV[i])
    held[#held + 1] = ARGV[i]
  end
end
return held`,
);

// KEYS: job hash, leases. ARGV: runner, now, final state, error ('' for none), job id.
// The holder finishing again (a resent request) succeeds again; anyone else, or after expiry, fails.
const finishScript = luaScript(
  "finish-job",
  `local f = redis.call('HMGET', KEYS[1], 'state', 'runnerId', 'leaseUntil')
if f[2] ~= ARGV[1] then return 0 end
if f[1] == ARGV[3] then return 1 end
if f[1] ~= 'leased' or tonumber(f[3]) <= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[3], 'finishedAt', ARGV[2])
redis.call('HDEL', KEYS[1], 'leaseUntil')
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'error', ARGV[4]) end
redis.call('ZREM', KEYS[2], ARGV[5])
return 1`,
);

const getScript = luaScript("get-job", `return redis.call('HGETALL', KEYS[1])`);

// KEYS: an index of job ids. ARGV: job key prefix, wanted states… (none: all).
const listScript = luaScript(
  "list-jobs",
  `local wanted = nil
if #ARGV > 1 then
  wanted = {}
  for i = 2, #ARGV do wanted[ARGV[i]] = true end
end
local out = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local job = ARGV[1] .. id
  local state = redis.call('HGET', job, 'state')
  if state and (wanted == nil or wanted[state]) then out[#out + 1] = redis.call('HGETALL', job) end
end
return out`,
);

function jobFrom(hash: Record<string, string>, ctx: RedisContext, operation: string): JobRecord {
  const context = errorContext(ctx, operation, ctx.keys.job(hash.id ?? "?"));
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const record = {
    id: hash.id,
    queue: hash.queue,
    sessionId: hash.sessionId,
    payload: hash.payload === undefined ? undefined : parseJson(hash.payload, "A job's payload", context),
    state: hash.state,
    attempts: number(hash.attempts),
    runnerId: hash.runnerId,
    leaseUntil: number(hash.leaseUntil),
    enqueuedAt: number(hash.enqueuedAt),
    finishedAt: number(hash.finishedAt),
    error: hash.error,
  };
  for (const key of Object.keys(record) as (keyof typeof record)[])
    if (record[key] === undefined) delete record[key];
  return parseRecord(jobRecordSchema, record, "A job", context);
}

function jobsFrom(reply: ReturnType<typeof replyArray>, ctx: RedisContext, operation: string): JobRecord[] {
  return reply.map((hash) => jobFrom(replyHash(hash, errorContext(ctx, operation)), ctx, operation));
}

export async function enqueueJob(ctx: RedisContext, job: NewJob, now: number): Promise<void> {
  const keys = [ctx.keys.job(job.id), ctx.keys.jobQueue(job.queue), ctx.keys.jobsAll, ctx.keys.jobSeq];
  if (job.sessionId !== undefined) keys.push(ctx.keys.jobsBySession(job.sessionId));
  const reply = await ctx.client.evalScript(enqueueScript, keys, [
    job.id,
    job.queue,
    JSON.stringify(job.payload),
    String(now),
    job.sessionId ?? "",
  ]);
  replyInteger(reply, errorContext(ctx, "enqueueJob"));
}

export async function leaseJobs(
  ctx: RedisContext,
  runnerId: string,
  queues: string[],
  max: number,
  leaseMs: number,
  now: number,
  maxAttempts = defaultMaxAttempts,
): Promise<JobRecord[]> {
  const unique = [...new Set(queues)];
  const count = Math.min(Math.floor(max), maxLeasePerCall);
  if (!(count >= 1) || unique.length === 0) return [];
  const reply = await ctx.client.evalScript(
    leaseScript,
    [ctx.keys.jobsLeased, ...unique.map((queue) => ctx.keys.jobQueue(queue))],
    [
      runnerId,
      String(count),
      String(now + leaseMs),
      String(now),
      String(maxAttempts),
      ctx.keys.jobPrefix,
      ctx.keys.jobQueuePrefix,
    ],
  );
  return jobsFrom(replyArray(reply, errorContext(ctx, "leaseJobs")), ctx, "leaseJobs");
}

export async function extendLeases(
  ctx: RedisContext,
  runnerId: string,
  jobIds: string[],
  leaseMs: number,
  now: number,
): Promise<string[]> {
  if (jobIds.length === 0) return [];
  const reply = await ctx.client.evalScript(
    extendScript,
    [ctx.keys.jobsLeased],
    [runnerId, String(now + leaseMs), String(now), ctx.keys.jobPrefix, ...new Set(jobIds)],
  );
  return replyStrings(reply, errorContext(ctx, "extendLeases"));
}

export async function finishJob(
  ctx: RedisContext,
  runnerId: string,
  jobId: string,
  outcome: { ok: true } | { ok: false; error: string },
  now: number,
): Promise<boolean> {
  const reply = await ctx.client.evalScript(
    finishScript,
    [ctx.keys.job(jobId), ctx.keys.jobsLeased],
    [runnerId, String(now), outcome.ok ? "completed" : "failed", outcome.ok ? "" : outcome.error, jobId],
  );
  return replyInteger(reply, errorContext(ctx, "finishJob")) === 1;
}

export async function getJob(ctx: RedisContext, id: string): Promise<JobRecord | undefined> {
  const hash = replyHash(
    await ctx.client.evalScript(getScript, [ctx.keys.job(id)], []),
    errorContext(ctx, "getJob"),
  );
  return Object.keys(hash).length === 0 ? undefined : jobFrom(hash, ctx, "getJob");
}

export async function listJobs(
  ctx: RedisContext,
  query: { sessionId?: string; states?: JobState[] } = {},
): Promise<JobRecord[]> {
  if (query.states !== undefined && query.states.length === 0) return [];
  const index = query.sessionId === undefined ? ctx.keys.jobsAll : ctx.keys.jobsBySession(query.sessionId);
  const reply = await ctx.client.evalScript(
    listScript,
    [index],
    [ctx.keys.jobPrefix, ...(query.states ?? [])],
  );
  return jobsFrom(replyArray(reply, errorContext(ctx, "listJobs")), ctx, "listJobs");
}
