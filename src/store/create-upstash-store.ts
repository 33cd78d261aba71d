// The Store over Upstash Redis (REST, UPSTASH_REDIS_REST_URL + UPSTASH_REDIS_REST_TOKEN), for serverless
// functions: no connection to keep, every call is an HTTPS request.
import { RedisStore } from "./redis-store.js";
import type { Store } from "./store.js";
import { createUpstashClient } from "./upstash-client.js";

export interface CreateUpstashStoreOptions {
  url: string;
  token: string;
  /** Every key starts with it; default "drover:". */
  prefix?: string;
}

export function createUpstashStore(options: CreateUpstashStoreOptions): Store {
  const client = createUpstashClient({ url: options.url, token: options.token });
  return new RedisStore(client, { kind: "upstash", prefix: options.prefix });
}
