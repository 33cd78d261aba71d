// RedisClient over @upstash/redis: Redis over HTTPS for serverless functions (UPSTASH_REDIS_REST_URL + TOKEN).
// The SDK batches calls made in the same tick into one POST /pipeline (auto-pipelining), so concurrent store
// operations share HTTP round trips. Its JSON auto-deserialization is turned off: a session's JSON must come
// back as the exact string that was written, not as an object (or a number, for "42").
import { errors, Redis } from "@upstash/redis";
import {
  asRedisReply,
  isNoScriptError,
  type LuaScript,
  type RedisClient,
  type RedisReply,
} from "./redis-client.js";
import { describeUrl } from "./redis-url.js";
import { StoreError, StoreUnavailableError } from "./store-errors.js";

export interface UpstashClientOptions {
  url: string;
  token: string;
}

export function createUpstashClient(options: UpstashClientOptions): RedisClient {
  const where = describeUrl(options.url);
  const redis = new Redis({
    url: options.url,
    token: options.token,
    automaticDeserialization: false,
    enableTelemetry: false,
  });
  let closed = false;

  const run = async (what: string, send: () => Promise<unknown>): Promise<RedisReply> => {
    if (closed) {
      throw new StoreError(`Upstash store at ${where} is closed; ${what} was called after close().`, {
        store: "upstash",
        operation: what,
      });
    }
    try {
      return asRedisReply(await send());
    } catch (error) {
      const context = { store: "upstash" as const, operation: what };
      const message = error instanceof Error ? error.message : String(error);
      // The SDK appends the whole command (script source, session JSON) to HTTP errors; the start is enough.
      const shown = message.length > 500 ? `${message.slice(0, 500)}…` : message;
      if (error instanceof errors.UpstashError) {
        throw new StoreError(`Upstash at ${where}: ${what} failed: ${shown}`, context, { cause: error });
      }
      throw new StoreUnavailableError(
        `Upstash at ${where} cannot be reached: ${what} failed: ${shown}. ` +
          "Check UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN and the network.",
        context,
        { cause: error },
      );
    }
  };

  return {
    async evalScript(
      script: LuaScript,
      keys: readonly string[],
      args: readonly string[],
    ): Promise<RedisReply> {
      const what = `script ${script.name}`;
      try {
        return await run(what, () => redis.evalsha(script.sha1, [...keys], [...args]));
      } catch (error) {
        // The database's script cache is empty (new database, flush): send the source once.
        if (!isNoScriptError(error)) throw error;
        return await run(what, () => redis.eval(script.source, [...keys], [...args]));
      }
    },
    async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
      return (await run("SET NX PX", () => redis.set(key, value, { nx: true, px: ttlMs }))) === "OK";
    },
    async ping(): Promise<void> {
      await run("PING", () => redis.ping());
    },
    async close(): Promise<void> {
      // HTTP needs no goodbye; refusing later calls catches use after close, as the TCP client does.
      closed = true;
    },
  };
}
