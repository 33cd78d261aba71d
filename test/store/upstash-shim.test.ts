// The test shim itself speaks the Upstash REST protocol: single commands, pipelines, transactions, the token
// and the base64 response encoding.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startUpstashShim, type UpstashShim } from "../support/upstash-shim.js";

let shim: UpstashShim;

beforeAll(async () => {
  shim = await startUpstashShim({ redisUrl: inject("redisUrl") });
});

afterAll(async () => {
  await shim.close();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${shim.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${shim.token}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("Upstash REST shim", () => {
  const key = `test:shim:${randomBytes(6).toString("hex")}`;

  it("runs a single command posted to /", async () => {
    expect(await post("/", ["SET", key, "héllo"])).toEqual({ status: 200, body: { result: "OK" } });
    expect(await post("/", ["GET", key])).toEqual({ status: 200, body: { result: "héllo" } });
    expect(await post("/", ["GET", key], { "upstash-encoding": "base64" })).toEqual({
      status: 200,
      body: { result: b64("héllo") },
    });
    expect(await post("/", ["GET", `${key}:none`], { "upstash-encoding": "base64" })).toEqual({
      status: 200,
      body: { result: null },
    });
    const failed = await post("/", ["INCR", key]);
    expect(failed.status).toBe(400);
    expect(failed.body).toEqual({ error: expect.stringMatching(/not an integer/) });
  });

  it("runs a pipeline in order, with an error in place of a failed command", async () => {
    const reply = await post(
      "/pipeline",
      [
        ["SET", `${key}:n`, 1],
        ["INCRBY", `${key}:n`, 2],
        ["LPUSH", `${key}:n`, "x"],
        ["MGET", `${key}:n`, `${key}:none`],
      ],
      { "upstash-encoding": "base64" },
    );
    expect(reply).toEqual({
      status: 200,
      body: [
        { result: "OK" },
        { result: 3 },
        { error: expect.stringMatching(/WRONGTYPE/) },
        { result: [b64("3"), null] },
      ],
    });
  });

  it("runs /multi-exec as one transaction", async () => {
    const reply = await post("/multi-exec", [
      ["INCR", `${key}:m`],
      ["INCR", `${key}:m`],
      ["GET", `${key}:m`],
    ]);
    expect(reply).toEqual({ status: 200, body: [{ result: 1 }, { result: 2 }, { result: "2" }] });
    const aborted = await post("/multi-exec", [["INCR", `${key}:m`], ["NO-SUCH-COMMAND"]]);
    expect(aborted.status).toBe(400);
  });

  it("turns away requests without the token", async () => {
    expect(await post("/", ["PING"], { authorization: "Bearer nope" })).toEqual({
      status: 401,
      body: { error: "Unauthorized" },
    });
  });
});
