// Entry batches: the columns survive the trip through one buffer (threads, cache) and back to objects.
import { describe, expect, it } from "vitest";
import {
  batchEntries,
  batchOf,
  concatBatches,
  decodeBatch,
  emptyBatch,
  encodeBatch,
  idBytes,
  idText,
  insertEntries,
} from "../../src/cost/entry-batch.js";
import type { UsageEntry } from "../../src/cost/types.js";

const entry = (over: Partial<UsageEntry> = {}): UsageEntry => ({
  agent: "claude",
  timestamp: Date.UTC(2025, 5, 1, 10),
  model: "claude-sonnet-4-5-20250929-fast",
  pricingModel: "claude-sonnet-4-5-20250929",
  usage: {
    inputTokens: 1,
    outputTokens: 2,
    cacheWrite5mTokens: 3,
    cacheWrite1hTokens: 4,
    cacheReadTokens: 5,
  },
  costUSD: undefined,
  fast: true,
  messageId: "msg_1",
  requestId: "req_1",
  sessionIdField: "s1",
  isSidechain: false,
  kind: "direct",
  generalOk: true,
  dailyOk: true,
  ...over,
});

const entries: UsageEntry[] = [
  entry(),
  entry({
    costUSD: 0.25,
    isSidechain: true,
    kind: "progress",
    generalOk: false,
    dailyOk: false,
    fast: false,
  }),
  entry({ model: undefined, pricingModel: undefined, messageId: undefined, requestId: undefined }),
  entry({ agent: "codex", reasoningOutputTokens: 7, sessionIdField: undefined, messageId: "日本\ud800" }),
  entry({
    usage: {
      inputTokens: 2 ** 52,
      outputTokens: 0,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 0,
    },
  }),
];

describe("entry batches", () => {
  it("give back the entries they were built from", () => {
    expect(batchEntries(batchOf(entries))).toEqual(entries);
  });

  it("survive encoding into one buffer and decoding from it", () => {
    const bytes = encodeBatch(batchOf(entries));
    expect(bytes.length % 8).toBe(0);
    expect(batchEntries(decodeBatch(bytes))).toEqual(entries);
    // A copy at an odd offset (as read from a larger file) decodes too.
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(batchEntries(decodeBatch(shifted.subarray(3)))).toEqual(entries);
    expect(batchEntries(decodeBatch(encodeBatch(emptyBatch())))).toEqual([]);
  });

  it("refuse bytes that are not a batch", () => {
    expect(() => decodeBatch(new Uint8Array(64))).toThrow(/not an entry batch/);
  });

  it("concatenate in order, re-interning strings", () => {
    const a = batchOf(entries.slice(0, 2));
    const b = batchOf(entries.slice(2));
    expect(batchEntries(concatBatches(a, b))).toEqual(entries);
    expect(concatBatches(a, emptyBatch())).toBe(a);
  });

  it("take entries inserted between rows, strings and ids included", () => {
    const base = batchOf(entries.slice(0, 3));
    const extra = (id: string) => entry({ messageId: id, model: `m-${id}`, sessionIdField: "s9" });
    const merged = insertEntries(base, [
      { row: 0, entries: [extra("a")] },
      { row: 2, entries: [extra("b"), extra("c")] },
      { row: 3, entries: [extra("d")] },
    ]);
    expect(batchEntries(merged)).toEqual([
      extra("a"),
      entries[0],
      entries[1],
      extra("b"),
      extra("c"),
      entries[2],
      extra("d"),
    ]);
    expect(insertEntries(base, [{ row: 1, entries: [] }])).toBe(base);
  });

  it("keep ids exactly, lone surrogates included", () => {
    for (const id of ["msg_01abc", "é", "\ud800", "a\udc00b", "🙂"]) {
      const bytes = idBytes(id);
      expect(idText(bytes, 0, bytes.length)).toBe(id);
    }
    expect(idBytes("\ud800")).not.toEqual(idBytes("\ud801"));
  });
});
