// Both clients send a script's source again when Redis has forgotten it (restart, SCRIPT FLUSH). Runs on a
// redis-server of its own: flushing the shared one would change what other test files measure.
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRedisStore } from "../../src/store/create-redis-store.js";
import { createUpstashStore } from "../../src/store/create-upstash-store.js";
import type { Store } from "../../src/store/store.js";
import { type RunningRedis, startRedisServer } from "../support/redis-server.js";
import { startUpstashShim, type UpstashShim } from "../support/upstash-shim.js";
import { makeSession, uniqueId, uniquePrefix } from "./fixtures.js";

let server: RunningRedis;
let shim: UpstashShim;
let admin: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  shim = await startUpstashShim({ redisUrl: server.url });
  admin = new Redis(server.url, { protocol: 2 });
});

afterAll(async () => {
  await admin?.quit();
  await shim?.close();
  await server?.stop();
});

const stores: [string, () => Store][] = [
  ["TCP", () => createRedisStore({ url: server.url, prefix: uniquePrefix("noscript") })],
  [
    "Upstash",
    () => createUpstashStore({ url: shim.url, token: shim.token, prefix: uniquePrefix("noscript") }),
  ],
];

for (const [label, open] of stores) {
  it(`${label}: works on after Redis forgets its scripts`, async () => {
    const store = open();
    const session = makeSession({ id: uniqueId("s") });
    await admin.script("FLUSH");
    expect(await store.createSession(session)).toBe(true);
    await admin.script("FLUSH");
    expect(await store.getSession(session.id)).toEqual(session);
    await admin.script("FLUSH");
    const updates = await Promise.all(
      [1, 2, 3].map(() =>
        store.updateSession(session.id, (current) => ({
          session: { ...current, memory: { ...current.memory, ciFixesSent: current.memory.ciFixesSent + 1 } },
          result: undefined,
        })),
      ),
    );
    expect(updates).toHaveLength(3);
    expect((await store.getSession(session.id))?.memory.ciFixesSent).toBe(3);
    await store.close();
  });
}
