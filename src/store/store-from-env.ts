// Picks and opens the store the environment asks for (see storeChoice in src/config/env.ts).
import type { StoreChoice } from "../config/env.js";
import { createEmbeddedStore } from "./create-embedded-store.js";
import { createRedisStore } from "./create-redis-store.js";
import { createUpstashStore } from "./create-upstash-store.js";
import type { Store } from "./store.js";

export function storeFromChoice(choice: StoreChoice): Store {
  switch (choice.kind) {
    case "upstash":
      return createUpstashStore({ url: choice.url, token: choice.token, prefix: choice.prefix });
    case "redis":
      return createRedisStore({ url: choice.url, prefix: choice.prefix });
    case "embedded":
      return createEmbeddedStore({ file: choice.file });
  }
}
