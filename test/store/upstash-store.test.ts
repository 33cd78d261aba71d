// The store over Upstash's REST API: the real @upstash/redis SDK, talking to the test shim, which forwards
// to the same real redis-server as the TCP tests.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createUpstashStore } from "../../src/store/create-upstash-store.js";
import { luaScript } from "../../src/store/redis-client.js";
import { StoreError } from "../../src/store/store-errors.js";
import { createUpstashClient } from "../../src/store/upstash-client.js";
import { startUpstashShim, type UpstashShim } from "../support/upstash-shim.js";
import { storeContract } from "./contract.js";
import { makeSession, uniqueId, uniquePrefix } from "./fixtures.js";

let shim: UpstashShim;

beforeAll(async () => {
  shim = await startUpstashShim({ redisUrl: inject("redisUrl") });
});

afterAll(async () => {
  await shim.close();
});

storeContract("Upstash over REST", () =>
  createUpstashStore({ url: shim.url, token: shim.token, prefix: uniquePrefix("upstash") }),
);

describe("Upstash client", () => {
  it("returns strings byte for byte, whatever they look like, and integers and nil as such", async () => {
    const client = createUpstashClient({ url: shim.url, token: shim.token });
    const echo = luaScript("echo", "return ARGV");
    const values = ["OK", "42", "true", "null", '{"a":1}', "[1,2]", "", "héllo «wörld» 🚀", "T0s=", " 7 "];
    expect(await client.evalScript(echo, [], values)).toEqual(values);
    expect(await client.evalScript(luaScript("one", "return ARGV[1]"), [], ["OK"])).toBe("OK");
    expect(await client.evalScript(luaScript("json", "return ARGV[1]"), [], ['{"a":1}'])).toBe('{"a":1}');
    expect(await client.evalScript(luaScript("int", "return 42"), [], [])).toBe(42);
    expect(await client.evalScript(luaScript("nil", "return false"), [], [])).toBeNull();
    expect(
      await client.evalScript(luaScript("nested", "return {1, {'x', false, 'OK'}, 'y'}"), [], []),
    ).toEqual([1, ["x", null, "OK"], "y"]);
    await client.close();
  });

  it("keeps a session whose fields look like numbers or JSON exactly as written", async () => {
    const store = createUpstashStore({ url: shim.url, token: shim.token, prefix: uniquePrefix("exact") });
    const session = makeSession({ id: "12345", branch: "42", model: "null", reason: '{"not":"parsed"}' });
    await store.createSession(session);
    expect(await store.getSession("12345")).toEqual(session);
    await store.close();
  });

  it("batches concurrent operations into one HTTP request", async () => {
    const store = createUpstashStore({ url: shim.url, token: shim.token, prefix: uniquePrefix("batch") });
    const sessions = Array.from({ length: 10 }, () => makeSession({ id: uniqueId("s") }));
    await store.createSession(sessions[0]!); // loads the scripts, so no NOSCRIPT retry below
    await store.getSession(sessions[0]!.id);
    const before = shim.requests;
    await Promise.all(sessions.map((session) => store.getSession(session.id)));
    expect(shim.requests - before).toBe(1);
    await store.close();
  });

  it("reports a wrong token as an error from Upstash", async () => {
    const store = createUpstashStore({ url: shim.url, token: "wrong-token", prefix: uniquePrefix("auth") });
    await expect(store.ping()).rejects.toThrow(StoreError);
    await expect(store.ping()).rejects.toThrow(/Unauthorized/);
    await store.close();
  });

  it("refuses calls after close", async () => {
    const store = createUpstashStore({ url: shim.url, token: shim.token, prefix: uniquePrefix("closed") });
    await store.close();
    await expect(store.getSession("s")).rejects.toThrow(/closed/);
  });
});
