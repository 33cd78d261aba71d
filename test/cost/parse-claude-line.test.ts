// Which Claude Code lines count and what they contain, rule by rule as ccusage 20.0.24 applies them.
import { describe, expect, it } from "vitest";
import { parseClaudeLine } from "../../src/cost/parse-claude-line.js";

const usage = {
  input_tokens: 10,
  output_tokens: 20,
  cache_creation_input_tokens: 30,
  cache_read_input_tokens: 40,
};
function line(overrides: Record<string, unknown> = {}, message: Record<string, unknown> = {}) {
  return JSON.stringify({
    type: "assistant",
    timestamp: "2025-06-01T10:00:00.000Z",
    sessionId: "s-1",
    version: "2.0.14",
    requestId: "req_1",
    message: { id: "msg_1", model: "claude-sonnet-4-5-20250929", usage, ...message },
    ...overrides,
  });
}
const entries = (text: string) => {
  const result = parseClaudeLine(text);
  return result.kind === "usage" ? result.entries : result.kind;
};

describe("parseClaudeLine", () => {
  it("reads an assistant line", () => {
    expect(entries(line())).toEqual([
      {
        agent: "claude",
        timestamp: Date.UTC(2025, 5, 1, 10),
        model: "claude-sonnet-4-5-20250929",
        pricingModel: "claude-sonnet-4-5-20250929",
        usage: {
          inputTokens: 10,
          outputTokens: 20,
          cacheWrite5mTokens: 30,
          cacheWrite1hTokens: 0,
          cacheReadTokens: 40,
        },
        costUSD: undefined,
        fast: false,
        messageId: "msg_1",
        requestId: "req_1",
        sessionIdField: "s-1",
        isSidechain: false,
        kind: "direct",
        generalOk: true,
        dailyOk: true,
      },
    ]);
  });

  it("takes cache writes from the 5m/1h split when present, else from the flat field", () => {
    const split = entries(
      line(
        {},
        {
          usage: { ...usage, cache_creation: { ephemeral_5m_input_tokens: 7, ephemeral_1h_input_tokens: 9 } },
        },
      ),
    );
    expect(split).toMatchObject([{ usage: { cacheWrite5mTokens: 7, cacheWrite1hTokens: 9 } }]);
    const onlyOneHour = entries(
      line({}, { usage: { ...usage, cache_creation: { ephemeral_1h_input_tokens: 9 } } }),
    );
    expect(onlyOneHour).toMatchObject([{ usage: { cacheWrite5mTokens: 0, cacheWrite1hTokens: 9 } }]);
    const nullSplit = entries(line({}, { usage: { ...usage, cache_creation: null } }));
    expect(nullSplit).toMatchObject([{ usage: { cacheWrite5mTokens: 30, cacheWrite1hTokens: 0 } }]);
  });

  it("defaults missing cache fields to 0 but requires input and output counts", () => {
    expect(entries(line({}, { usage: { input_tokens: 1, output_tokens: 2 } }))).toMatchObject([
      { usage: { cacheWrite5mTokens: 0, cacheReadTokens: 0 } },
    ]);
    expect(entries(line({}, { usage: { input_tokens: 1 } }))).toBe("malformed");
  });

  it.each([
    ["a fractional count", { input_tokens: 1.5 }],
    ["a negative count", { output_tokens: -1 }],
    ["a count as text", { input_tokens: "10" }],
    ["a null cache count", { cache_read_input_tokens: null }],
    ["an unknown speed", { speed: "turbo" }],
  ])("skips a line with %s", (_, change) => {
    expect(entries(line({}, { usage: { ...usage, ...change } }))).toBe("malformed");
  });

  it("skips counts written as floats even when they are whole numbers", () => {
    expect(entries(line().replace('"input_tokens":10', '"input_tokens":10.0'))).toBe("malformed");
    expect(entries(line().replace('"input_tokens":10', '"input_tokens":1e1'))).toBe("malformed");
  });

  it("skips truncated and non-JSON lines", () => {
    expect(entries(line().slice(0, 120))).toBe("malformed");
    expect(entries("not json")).toBe("malformed");
  });

  it.each([
    ["a non-semver version", { version: "abc" }],
    ["a two-part version", { version: "1.2" }],
    ["an empty requestId", { requestId: "" }],
    ["an empty sessionId", { sessionId: "" }],
    ["a null model anywhere", { toolUseResult: { id: null } }],
    ["a sidechain flag that is not a boolean", { isSidechain: "yes" }],
    ["an invalid timestamp", { timestamp: "2025-06-01 10:00:00" }],
  ])("skips a line with %s", (_, overrides) => {
    expect(entries(line(overrides))).toBe("malformed");
  });

  it("accepts pre-release versions and lines without optional fields", () => {
    expect(entries(line({ version: "2.0.14-beta.1" }))).toHaveLength(1);
    const bare = JSON.stringify({ timestamp: "2025-06-01T10:00:00Z", message: { usage } });
    expect(entries(bare)).toMatchObject([{ model: undefined, messageId: undefined, requestId: undefined }]);
  });

  it("rejects empty and null models but counts <synthetic> tokens under no model", () => {
    expect(entries(line({}, { model: "" }))).toBe("malformed");
    expect(entries(line({}, { model: null }))).toBe("malformed");
    expect(entries(line({}, { model: "<synthetic>" }))).toMatchObject([
      { model: undefined, pricingModel: "<synthetic>" },
    ]);
  });

  it("names fast-mode usage <model>-fast and prices it with the base model", () => {
    expect(entries(line({}, { model: "claude-opus-4-6", usage: { ...usage, speed: "fast" } }))).toMatchObject(
      [{ model: "claude-opus-4-6-fast", pricingModel: "claude-opus-4-6", fast: true }],
    );
  });

  it("keeps a recorded costUSD and marks lines ccusage's session report refuses", () => {
    expect(entries(line({ costUSD: 0.25 }))).toMatchObject([{ costUSD: 0.25 }]);
    expect(entries(line({ isApiErrorMessage: "yes" }))).toMatchObject([{ generalOk: false }]);
  });

  it("reads a subagent message copied into a progress line", () => {
    const nested = JSON.parse(line({ sessionId: "child", isSidechain: true }));
    const progress = JSON.stringify({
      type: "progress",
      sessionId: "parent",
      timestamp: "2025-06-02T00:00:00Z",
      data: { message: nested },
    });
    expect(entries(progress)).toMatchObject([
      {
        kind: "progress",
        sessionIdField: "parent",
        isSidechain: true,
        timestamp: Date.UTC(2025, 5, 1, 10),
        generalOk: false,
      },
    ]);
    // A progress line holding a bare message (no timestamp of its own) carries no usage entry.
    const bare = JSON.stringify({
      type: "progress",
      timestamp: "2025-06-02T00:00:00Z",
      data: { message: nested.message },
    });
    expect(entries(bare)).toBe("other");
  });

  it("ignores lines that only mention usage in a tool result", () => {
    const user = JSON.stringify({
      type: "user",
      timestamp: "2025-06-01T10:00:00Z",
      message: { role: "user", content: "done" },
      toolUseResult: { usage: { input_tokens: 5, output_tokens: 6 } },
    });
    expect(entries(user)).toBe("other");
  });

  it("counts advisor calls as entries of their own", () => {
    const withAdvisor = line(
      {},
      {
        model: "claude-opus-4-6",
        usage: {
          ...usage,
          iterations: [
            { type: "message", model: null, input_tokens: 1, output_tokens: 1 },
            { type: "advisor_message", model: "claude-haiku-4-5", input_tokens: 100, output_tokens: 5 },
          ],
        },
      },
    );
    expect(entries(withAdvisor)).toMatchObject([
      { messageId: "msg_1", model: "claude-opus-4-6" },
      {
        messageId: "msg_1:advisor:0",
        model: "claude-haiku-4-5",
        usage: { inputTokens: 100, outputTokens: 5 },
        costUSD: undefined,
      },
    ]);
    const incomplete = line(
      {},
      {
        usage: {
          ...usage,
          iterations: [{ type: "advisor_message", model: "claude-haiku-4-5", input_tokens: 100 }],
        },
      },
    );
    expect(entries(incomplete)).toHaveLength(1);
  });
});
