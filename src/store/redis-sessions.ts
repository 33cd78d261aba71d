// Sessions in Redis: a hash {v, json, w} per session plus sorted-set indexes, written together by one script.
// Round trips: create 1, get 1, list 1, find 1, update 2 (read, then compare-and-set) plus 1 per lost race.
import { randomUUID } from "node:crypto";
import type { Session } from "../core/session.js";
import { parseJson, parseSession } from "./record-schemas.js";
import { luaScript, type RedisReply } from "./redis-client.js";
import { errorContext, type RedisContext } from "./redis-context.js";
import { sessionIndexKeys } from "./redis-keys.js";
import { replyArray, replyInteger, replyOptionalString, replyString, replyStrings } from "./redis-replies.js";
import { matchesQuery, oldestFirst } from "./session-query.js";
import type { SessionQuery, SessionUpdate } from "./store.js";
import { StoreConflictError, StoreUsageError } from "./store-errors.js";

/**
 * Writers that keep losing the compare-and-set retry at once with the state the script handed back; with N
 * concurrent writers one always wins each round, so N rounds suffice. Past this many something is wrong.
 * (A random pause between rounds was tried: 100 deliveries for one PR then took p99 550–690 ms, not 50–90 ms.)
 */
const maxUpdateAttempts = 200;

const createScript = luaScript(
  "create-session",
  `if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', '1', 'json', ARGV[1], 'w', '')
for i = 2, #KEYS do redis.call('ZADD', KEYS[i], ARGV[3], ARGV[2]) end
return 1`,
);

const readScript = luaScript("read-session", `return redis.call('HMGET', KEYS[1], 'v', 'json')`);

// KEYS: session hash, the indexes it leaves (ARGV[5] of them), the indexes it is in after the write.
// ARGV: expected version, json, id, index score, number of indexes to leave, write id.
// The write id makes a resent request (client retry after a lost reply) report success instead of a
// conflict, which would otherwise make the caller apply its update a second time.
const compareAndSetScript = luaScript(
  "update-session",
  `local current = redis.call('HMGET', KEYS[1], 'v', 'json', 'w')
if not current[1] then return {'missing'} end
if current[1] ~= ARGV[1] then
  if current[3] == ARGV[6] then return {'ok'} end
  return {'conflict', current[1], current[2]}
end
redis.call('HSET', KEYS[1], 'v', tostring(tonumber(ARGV[1]) + 1), 'json', ARGV[2], 'w', ARGV[6])
local leave = tonumber(ARGV[5])
for i = 2, leave + 1 do redis.call('ZREM', KEYS[i], ARGV[3]) end
for i = leave + 2, #KEYS do redis.call('ZADD', KEYS[i], ARGV[4], ARGV[3]) end
return {'ok'}`,
);

// KEYS: index sorted sets. ARGV[1]: session key prefix. Returns the JSON of every session in any of them.
const listScript = luaScript(
  "list-sessions",
  `local seen, out = {}, {}
for _, key in ipairs(KEYS) do
  for _, id in ipairs(redis.call('ZRANGE', key, 0, -1)) do
    if not seen[id] then
      seen[id] = true
      local json = redis.call('HGET', ARGV[1] .. id, 'json')
      if json then out[#out + 1] = json end
    end
  end
end
return out`,
);

// KEYS[1]: an index. ARGV[1]: session key prefix. The newest session in it (highest createdAt).
const findNewestScript = luaScript(
  "find-session",
  `local ids = redis.call('ZREVRANGE', KEYS[1], 0, 0)
if #ids == 0 then return false end
return redis.call('HGET', ARGV[1] .. ids[1], 'json')`,
);

function sessionFrom(json: string, ctx: RedisContext, operation: string, id?: string): Session {
  const context = errorContext(ctx, operation, id === undefined ? undefined : ctx.keys.session(id));
  return parseSession(parseJson(json, "A session", context), context);
}

export async function createSession(ctx: RedisContext, session: Session): Promise<boolean> {
  const reply = await ctx.client.evalScript(
    createScript,
    [ctx.keys.session(session.id), ...sessionIndexKeys(ctx.keys, session)],
    [JSON.stringify(session), session.id, String(session.createdAt)],
  );
  return replyInteger(reply, errorContext(ctx, "createSession")) === 1;
}

async function readVersioned(ctx: RedisContext, id: string, operation: string) {
  const reply = replyArray(
    await ctx.client.evalScript(readScript, [ctx.keys.session(id)], []),
    errorContext(ctx, operation),
  );
  const version = replyOptionalString(reply[0] ?? null, errorContext(ctx, operation));
  const json = replyOptionalString(reply[1] ?? null, errorContext(ctx, operation));
  if (version === undefined || json === undefined) return undefined;
  return { version, session: sessionFrom(json, ctx, operation, id) };
}

export async function getSession(ctx: RedisContext, id: string): Promise<Session | undefined> {
  return (await readVersioned(ctx, id, "getSession"))?.session;
}

export async function updateSession<T>(
  ctx: RedisContext,
  id: string,
  update: SessionUpdate<T>,
): Promise<{ session: Session; result: T } | undefined> {
  const operation = "updateSession";
  let current = await readVersioned(ctx, id, operation);
  for (let attempt = 1; current !== undefined; attempt++) {
    // Taken before `update` runs: it may change the session it is given in place.
    const indexesBefore = sessionIndexKeys(ctx.keys, current.session);
    const outcome = update(current.session);
    if (outcome === undefined) return undefined;
    if (outcome.session.id !== id) {
      throw new StoreUsageError(
        `An update of session ${id} returned session ${outcome.session.id}; an update may not change the id.`,
        errorContext(ctx, operation, ctx.keys.session(id)),
      );
    }
    const indexesAfter = sessionIndexKeys(ctx.keys, outcome.session);
    const leave = indexesBefore.filter((key) => !indexesAfter.includes(key));
    const reply = replyArray(
      await ctx.client.evalScript(
        compareAndSetScript,
        [ctx.keys.session(id), ...leave, ...indexesAfter],
        [
          current.version,
          JSON.stringify(outcome.session),
          id,
          String(outcome.session.createdAt),
          String(leave.length),
          randomUUID(),
        ],
      ),
      errorContext(ctx, operation),
    );
    const status = replyString(reply[0] ?? null, errorContext(ctx, operation));
    if (status === "ok") return outcome;
    if (status === "missing") return undefined;
    if (attempt >= maxUpdateAttempts) {
      throw new StoreConflictError(
        `Session ${id} changed under ${attempt} updates in a row; gave up so as not to spin forever. ` +
          "Retry the operation; if it keeps happening, something is writing this session in a loop.",
        errorContext(ctx, operation, ctx.keys.session(id)),
      );
    }
    const [version, json] = replyStrings(reply.slice(1), errorContext(ctx, operation));
    current = { version: version!, session: sessionFrom(json!, ctx, operation, id) };
  }
  return undefined;
}

function indexesFor(ctx: RedisContext, query: SessionQuery): string[] {
  // The narrowest index narrows the read; matchesQuery applies every criterion afterwards anyway.
  if (query.withOutbox) return [ctx.keys.sessionsWithOutbox];
  if (query.repo !== undefined && query.issueKey !== undefined)
    return [ctx.keys.sessionsByIssue(query.repo, query.issueKey)];
  if (query.batchId !== undefined) return [ctx.keys.sessionsByBatch(query.batchId)];
  if (query.states !== undefined)
    return [...new Set(query.states)].map((state) => ctx.keys.sessionsByState(state));
  if (query.repo !== undefined) return [ctx.keys.sessionsByRepo(query.repo)];
  return [ctx.keys.sessionsAll];
}

export async function listSessions(ctx: RedisContext, query: SessionQuery = {}): Promise<Session[]> {
  const indexes = indexesFor(ctx, query);
  if (indexes.length === 0) return [];
  const reply = await ctx.client.evalScript(listScript, indexes, [ctx.keys.sessionPrefix]);
  return replyStrings(reply, errorContext(ctx, "listSessions"))
    .map((json) => sessionFrom(json, ctx, "listSessions"))
    .filter((session) => matchesQuery(session, query))
    .sort(oldestFirst);
}

export async function findNewestSession(
  ctx: RedisContext,
  index: string,
  operation: string,
): Promise<Session | undefined> {
  const reply: RedisReply = await ctx.client.evalScript(findNewestScript, [index], [ctx.keys.sessionPrefix]);
  const json = replyOptionalString(reply, errorContext(ctx, operation, index));
  return json === undefined ? undefined : sessionFrom(json, ctx, operation);
}
