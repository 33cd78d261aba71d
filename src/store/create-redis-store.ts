// The Store over plain Redis (TCP, REDIS_URL). The connection opens in the background; ping() tells whether
// Redis can be reached.
import { createIoredisClient } from "./ioredis-client.js";
import { RedisStore } from "./redis-store.js";
import type { Store } from "./store.js";

export interface CreateRedisStoreOptions {
  /** redis://[user:password@]host:port[/db] or rediss:// for TLS. */
  url: string;
  /** Every key starts with it; default "drover:". */
  prefix?: string;
}

export function createRedisStore(options: CreateRedisStoreOptions): Store {
  return new RedisStore(createIoredisClient(options.url), { kind: "redis", prefix: options.prefix });
}
