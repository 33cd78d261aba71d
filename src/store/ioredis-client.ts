// RedisClient over ioredis: plain Redis over TCP (REDIS_URL), for self-hosting and the tests.
import { Redis } from "ioredis";
import {
  asRedisReply,
  isNoScriptError,
  type LuaScript,
  type RedisClient,
  type RedisReply,
} from "./redis-client.js";
import { describeUrl } from "./redis-url.js";
import { StoreError, StoreUnavailableError } from "./store-errors.js";

export function createIoredisClient(url: string): RedisClient {
  const where = describeUrl(url);
  const redis = new Redis(url, {
    // RESP2 replies are what Lua scripts and the Upstash REST API produce; one reply shape for both clients.
    protocol: 2,
    // Fail a command after a few reconnect attempts instead of queueing it for ~10 s, so a health check
    // or a webhook answers "store unreachable" while the caller can still respond.
    maxRetriesPerRequest: 2,
    connectTimeout: 5_000,
  });
  // ioredis reports connection trouble as events and retries on its own; the last one explains the next
  // failed command, which is where it is surfaced.
  let lastConnectionError: Error | undefined;
  redis.on("error", (error: Error) => {
    lastConnectionError = error;
  });
  redis.on("ready", () => {
    lastConnectionError = undefined;
  });

  const failure = (what: string, error: unknown) => {
    const context = { store: "redis" as const, operation: what };
    // A reply error means Redis answered and refused (a script bug, wrong type): not an outage.
    if (error instanceof Error && error.name === "ReplyError") {
      return new StoreError(`Redis at ${where}: ${what} failed: ${error.message}`, context, { cause: error });
    }
    const cause = lastConnectionError ?? error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    const detail = error instanceof Error && error !== cause ? ` (${error.message})` : "";
    return new StoreUnavailableError(
      `Redis at ${where} cannot be reached: ${what} failed: ${reason}${detail}. Check REDIS_URL and that Redis runs.`,
      context,
      { cause: error },
    );
  };

  const call = async (what: string, command: string, args: (string | number)[]): Promise<RedisReply> => {
    try {
      return asRedisReply(await redis.call(command, ...args));
    } catch (error) {
      throw failure(what, error);
    }
  };

  return {
    async evalScript(
      script: LuaScript,
      keys: readonly string[],
      args: readonly string[],
    ): Promise<RedisReply> {
      const rest = [keys.length, ...keys, ...args];
      try {
        return await call(`script ${script.name}`, "evalsha", [script.sha1, ...rest]);
      } catch (error) {
        // The server's script cache is empty (restart, SCRIPT FLUSH): send the source once, it is cached again.
        if (!isNoScriptError(error)) throw error;
        return await call(`script ${script.name}`, "eval", [script.source, ...rest]);
      }
    },
    async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
      return (await call("SET NX PX", "set", [key, value, "NX", "PX", ttlMs])) === "OK";
    },
    async ping(): Promise<void> {
      await call("PING", "ping", []);
    },
    async close(): Promise<void> {
      if (redis.status === "end") return;
      // Not connected (still trying, or gave up): there is nothing to say goodbye to, just stop trying.
      if (redis.status !== "ready") return redis.disconnect();
      await redis.quit();
    },
  };
}
