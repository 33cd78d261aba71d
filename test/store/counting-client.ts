// Wraps a RedisClient to count the calls the store makes through it: with scripts cached, each call is one
// Redis round trip over TCP, which is what the store's round-trip budget is about.
import type { RedisClient } from "../../src/store/redis-client.js";

export interface CountingClient extends RedisClient {
  calls: number;
}

export function countingClient(inner: RedisClient): CountingClient {
  const counting: CountingClient = {
    calls: 0,
    evalScript(script, keys, args) {
      counting.calls += 1;
      return inner.evalScript(script, keys, args);
    },
    setIfAbsent(key, value, ttlMs) {
      counting.calls += 1;
      return inner.setIfAbsent(key, value, ttlMs);
    },
    ping() {
      counting.calls += 1;
      return inner.ping();
    },
    close: () => inner.close(),
  };
  return counting;
}
