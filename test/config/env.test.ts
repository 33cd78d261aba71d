// The environment: which store it selects, and errors that name the variable.
import { describe, expect, it } from "vitest";
import { parseEnv, storeChoice } from "../../src/config/env.js";

describe("env", () => {
  it("selects Upstash, then Redis, then the embedded store", () => {
    expect(
      storeChoice(
        parseEnv({
          UPSTASH_REDIS_REST_URL: "https://x.upstash.io",
          UPSTASH_REDIS_REST_TOKEN: "t",
          REDIS_URL: "redis://h",
        }),
      ),
    ).toMatchObject({ kind: "upstash" });
    expect(storeChoice(parseEnv({ REDIS_URL: "redis://127.0.0.1:6379" }))).toEqual({
      kind: "redis",
      url: "redis://127.0.0.1:6379",
      prefix: "drover:",
    });
    expect(storeChoice(parseEnv({ DROVER_DATA_DIR: "/tmp/d" }))).toEqual({
      kind: "embedded",
      file: "/tmp/d/store.json",
    });
  });

  it("defaults the port to 3000 and rejects a bad one by name", () => {
    expect(parseEnv({}).PORT).toBe(3000);
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
  });

  it("names the missing half of the Upstash pair", () => {
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: "https://x.upstash.io" })).toThrow(
      /UPSTASH_REDIS_REST_TOKEN: is missing/,
    );
    expect(() => parseEnv({ UPSTASH_REDIS_REST_TOKEN: "t" })).toThrow(/UPSTASH_REDIS_REST_URL: is missing/);
  });

  it("rejects a REDIS_URL that is not a redis URL", () => {
    expect(() => parseEnv({ REDIS_URL: "localhost:6379" })).toThrow(
      /REDIS_URL: expected a redis:\/\/ or rediss:\/\/ URL/,
    );
  });
});
