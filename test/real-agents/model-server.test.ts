// The scripted model server on its own, over real HTTP: the Messages API wire format the real CLI depends on
// (SSE order, ids, usage, request-id), the script language, and the request log, without starting the CLI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ModelServer, ModelServerError, startModelServer } from "../support/model-server.js";

let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer();
});

afterAll(async () => {
  await server.close();
});

const agentTools = [{ name: "Bash" }, { name: "Write" }];

function agentRequest(text: string, extra: Record<string, unknown> = {}) {
  return {
    model: "claude-test-1",
    max_tokens: 1000,
    stream: true,
    system: [{ type: "text", text: "You are an agent." }],
    tools: agentTools,
    messages: [
      {
        role: "system",
        content: "# Environment\n - Primary working directory: /work/repo\n - Platform: linux",
      },
      { role: "user", content: [{ type: "text", text }] },
    ],
    ...extra,
  };
}

async function post(base: string, body: unknown, path = "/v1/messages?beta=true") {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "sk-ant-secret" },
    body: JSON.stringify(body),
  });
  return { res, text: await res.text() };
}

// The fields of the API's events these tests read.
interface SseData {
  type: string;
  index?: number;
  message?: { id: string; usage: Record<string, number>; [key: string]: unknown };
  content_block?: { type: string; id?: string; name?: string; input?: unknown };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string };
  usage?: Record<string, number>;
}

function parseSse(text: string): Array<{ event: string; data: SseData }> {
  return text
    .split("\n\n")
    .filter((chunk) => chunk.trim() !== "")
    .map((chunk) => {
      const event = /^event: (.*)$/m.exec(chunk)?.[1] ?? "";
      const data = JSON.parse(/^data: (.*)$/m.exec(chunk)?.[1] ?? "null");
      return { event, data };
    });
}

describe("scripted model server", () => {
  it("streams a text block and a tool_use in the Messages API's event order", async () => {
    const base = server.script("stream", [
      { text: "Writing it.", write: { path: "notes/a.txt", content: "é\n" } },
    ]);
    const { res, text } = await post(base, agentRequest("write a.txt"));
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("request-id")).toMatch(/^req_011C[0-9A-Za-z]{20}$/);

    const events = parseSse(text);
    expect(events.map((e) => e.event)).toEqual([
      "message_start",
      "ping",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    const start = events[0]?.data.message;
    if (!start) throw new Error("no message in message_start");
    expect(start.id).toMatch(/^msg_01[0-9A-Za-z]{22}$/);
    expect(start).toMatchObject({
      role: "assistant",
      model: "claude-test-1",
      content: [],
      stop_reason: null,
    });
    expect(Object.keys(start.usage)).toEqual(
      expect.arrayContaining([
        "input_tokens",
        "output_tokens",
        "cache_creation_input_tokens",
        "cache_read_input_tokens",
      ]),
    );
    const tool = events[5]?.data.content_block;
    if (!tool) throw new Error("no second content block");
    expect(tool).toMatchObject({ type: "tool_use", name: "Write", input: {} });
    expect(tool.id).toMatch(/^toolu_01[0-9A-Za-z]{22}$/);
    const json = events
      .filter((e) => e.data.index === 1 && e.data.delta?.type === "input_json_delta")
      .map((e) => e.data.delta?.partial_json)
      .join("");
    // Relative paths resolve against the working directory the CLI states in its prompt.
    expect(JSON.parse(json)).toEqual({ file_path: "/work/repo/notes/a.txt", content: "é\n" });
    const delta = events.find((e) => e.event === "message_delta")?.data;
    expect(delta?.delta?.stop_reason).toBe("tool_use");
    expect(delta?.usage?.output_tokens).toBeGreaterThan(start.usage.output_tokens ?? 0);

    const [seen] = server.requests({ script: "stream" });
    expect(seen).toMatchObject({ method: "POST", path: "/v1/messages?beta=true", kind: "turn" });
    expect(seen?.headers["x-api-key"]).toBe("[redacted]");
    expect(seen?.response.requestId).toBe(res.headers.get("request-id"));
    expect(seen?.response.message?.id).toBe(start.id);
  });

  it("answers turn by turn, merges waits into the next turn, then answers Done", async () => {
    const base = server.script("turns", [
      { bash: { command: "git status" } },
      { wait: 20 },
      { ask: "Blue or green?" },
    ]);
    const first = parseSse((await post(base, agentRequest("go"))).text);
    expect(first[2]?.data.content_block).toMatchObject({ type: "tool_use", name: "Bash" });

    const second = parseSse((await post(base, agentRequest("tool result"))).text);
    expect(second[3]?.data.delta).toEqual({ type: "text_delta", text: "Blue or green?" });
    expect(second.find((e) => e.event === "message_delta")?.data.delta?.stop_reason).toBe("end_turn");

    const third = parseSse((await post(base, agentRequest("blue"))).text);
    expect(third[3]?.data.delta).toEqual({ type: "text_delta", text: "Done." });
    expect(server.requests({ script: "turns" }).map((r) => r.response.exhausted)).toEqual([
      false,
      false,
      true,
    ]);
    expect(server.userTexts("turns")).toEqual(["go", "tool result", "blue"]);
  });

  it("reads and writes the prompt cache across a script's requests", async () => {
    const base = server.script("cache", [{ text: "one" }, { text: "two" }]);
    await post(base, agentRequest("first"));
    await post(
      base,
      agentRequest("second", {
        messages: [...agentRequest("first").messages, { role: "user", content: "second" }],
      }),
    );
    const [a, b] = server.requests({ script: "cache" }).map((r) => r.response.message?.usage);
    expect(a?.cache_read_input_tokens).toBe(0);
    expect(a?.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(b?.cache_read_input_tokens).toBe(
      (a?.cache_creation_input_tokens ?? 0) + (a?.cache_read_input_tokens ?? 0),
    );
  });

  it("answers side requests, token counts and probes without using up the script", async () => {
    const base = server.script("side", [{ text: "scripted" }]);
    const { text } = await post(base, {
      model: "claude-small",
      max_tokens: 50,
      messages: [{ role: "user", content: "title?" }],
    });
    expect(JSON.parse(text)).toMatchObject({ type: "message", stop_reason: "end_turn" });
    const counted = await post(base, agentRequest("count me"), "/v1/messages/count_tokens");
    expect(JSON.parse(counted.text).input_tokens).toBeGreaterThan(0);
    expect((await fetch(base, { method: "HEAD" })).status).toBe(200);
    expect(server.remainingTurns("side")).toBe(1);
    expect(server.requests({ script: "side" }).map((r) => r.kind)).toEqual(["side", "count_tokens", "probe"]);
  });

  it("logs what it does not know as unexpected, and refuses invalid scripts", async () => {
    const { res } = await post(server.url, {}, "/v1/complete");
    expect(res.status).toBe(404);
    expect(server.requests({ kind: "unexpected" }).map((r) => r.path)).toEqual(["/v1/complete"]);
    expect(() => server.script("bad", [{ ask: "?", bash: { command: "ls" } }])).toThrow(ModelServerError);
    expect(() => server.script("bad name", [])).toThrow(/must be letters/);
  });

  it("answers a script mistake with a 400, which the CLI does not retry, and logs why", async () => {
    const base = server.script("relative", [{ write: { path: "a.txt", content: "" } }]);
    const request = agentRequest("go");
    const { res } = await post(base, { ...request, messages: request.messages.slice(1) });
    expect(res.status).toBe(400);
    const [seen] = server.requests({ script: "relative" });
    expect(seen?.response).toMatchObject({
      status: 400,
      error: expect.stringMatching(/use an absolute path/),
    });
    expect((await post(base, "not a request")).res.status).toBe(400);
  });

  it("waitFor resolves on a request that arrives later", async () => {
    const base = server.script("later", [{ text: "hi" }]);
    const waiting = server.waitFor((r) => r.script === "later" && r.kind === "turn", { timeoutMs: 5000 });
    await post(base, agentRequest("knock knock"));
    expect((await waiting).body?.messages.at(-1)).toMatchObject({ role: "user" });
  });
});
