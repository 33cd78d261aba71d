// What every part of the Redis store shares: the client adapter, the key layout and the store's kind.
import type { RedisClient } from "./redis-client.js";
import type { RedisKeys } from "./redis-keys.js";
import type { StoreErrorContext } from "./store-errors.js";

export interface RedisContext {
  client: RedisClient;
  keys: RedisKeys;
  kind: "redis" | "upstash";
}

export function errorContext(ctx: RedisContext, operation: string, target?: string): StoreErrorContext {
  return target === undefined ? { store: ctx.kind, operation } : { store: ctx.kind, operation, target };
}
