// The little a Redis store needs from a Redis client, so one RedisStore runs over ioredis (TCP) and
// @upstash/redis (REST) alike. Everything with more than one command is a Lua script: atomic on both, and
// one round trip.
import { createHash } from "node:crypto";

/** A Redis reply as both clients hand it over: bulk strings as UTF-8 strings, Lua false and nil as null. */
export type RedisReply = string | number | null | RedisReply[];

export interface LuaScript {
  /** For error messages: which script failed. */
  name: string;
  source: string;
  sha1: string;
}

export interface RedisClient {
  /**
   * Runs a script with EVALSHA, and with EVAL when the server does not know it yet (NOSCRIPT), so a call is
   * one round trip except the first one after the server's script cache was emptied.
   */
  evalScript(script: LuaScript, keys: readonly string[], args: readonly string[]): Promise<RedisReply>;
  /** SET key value NX PX ttlMs, one round trip: true when the key was set, false when it already existed. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** PING; throws when the server cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function luaScript(name: string, source: string): LuaScript {
  return { name, source, sha1: createHash("sha1").update(source).digest("hex") };
}

export function isNoScriptError(error: unknown): boolean {
  return error instanceof Error && /NOSCRIPT/i.test(error.message);
}

/** Checks a reply from a client that returns `unknown` has the shape RedisReply promises. */
export function asRedisReply(value: unknown): RedisReply {
  if (value === null || typeof value === "string" || typeof value === "number") return value;
  if (Array.isArray(value)) return value.map(asRedisReply);
  throw new TypeError(`unexpected Redis reply of type ${typeof value}: ${String(value).slice(0, 100)}`);
}
