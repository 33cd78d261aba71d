// How copies of one response are merged, per report, as measured on ccusage 20.0.24 (see docs/cost.md).
import { describe, expect, it } from "vitest";
import { dedupeForDaily, dedupeForSessions, type PricedEntry } from "../../src/cost/dedupe-entries.js";
import type { FileIdentity, UsageEntry } from "../../src/cost/types.js";

const file = (sessionId: string): FileIdentity => ({
  agent: "claude",
  path: `/p/${sessionId}.jsonl`,
  project: "p",
  projectPath: "p",
  sessionId,
});
function copy(
  session: string,
  day: number,
  tokens: number,
  ids: { m?: string; r?: string },
  extra: Partial<UsageEntry> = {},
): PricedEntry {
  const entry: UsageEntry = {
    agent: "claude",
    timestamp: Date.UTC(2025, 5, day),
    model: "m",
    pricingModel: "m",
    usage: {
      inputTokens: tokens,
      outputTokens: 0,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 0,
    },
    costUSD: undefined,
    fast: false,
    messageId: ids.m,
    requestId: ids.r,
    sessionIdField: undefined,
    isSidechain: false,
    kind: "direct",
    generalOk: true,
    dailyOk: true,
    ...extra,
  };
  return {
    entry,
    file: file(session),
    cost: tokens,
    unpriced: false,
    session: extra.sessionIdField ?? session,
  };
}
const kept = (entries: PricedEntry[]) =>
  entries.map((e) => [
    e.entry.timestamp / 86_400_000 - Date.UTC(2025, 5, 0) / 86_400_000,
    e.entry.usage.inputTokens,
  ]);

describe.each([
  ["session/monthly", dedupeForSessions],
  ["daily", dedupeForDaily],
])("%s de-duplication", (_, dedupe) => {
  it("keeps the earlier copy on a tie, the larger one otherwise", () => {
    expect(
      kept(dedupe([copy("a", 2, 100, { m: "m1", r: "r1" }), copy("a", 3, 100, { m: "m1", r: "r1" })])),
    ).toEqual([[2, 100]]);
    expect(
      kept(dedupe([copy("a", 2, 100, { m: "m2", r: "r2" }), copy("a", 4, 300, { m: "m2", r: "r2" })])),
    ).toEqual([[4, 300]]);
  });

  it("keeps the non-sidechain copy even when it is smaller", () => {
    const side = { isSidechain: true };
    expect(
      kept(dedupe([copy("a", 2, 500, { m: "m", r: "r" }), copy("a", 5, 50, { m: "m", r: "r" }, side)])),
    ).toEqual([[2, 500]]);
    expect(
      kept(dedupe([copy("a", 2, 500, { m: "m", r: "r" }, side), copy("a", 6, 50, { m: "m", r: "r" })])),
    ).toEqual([[6, 50]]);
  });

  it("never merges lines without a message id, and merges copies across sessions by request id", () => {
    expect(kept(dedupe([copy("a", 2, 100, { r: "r" }), copy("a", 2, 100, { r: "r" })]))).toHaveLength(2);
    expect(
      kept(dedupe([copy("b", 6, 100, { m: "m", r: "r" }), copy("z", 3, 100, { m: "m", r: "r" })])),
    ).toEqual([[6, 100]]);
    expect(
      kept(dedupe([copy("a", 2, 100, { m: "m", r: "r1" }), copy("a", 2, 100, { m: "m", r: "r2" })])),
    ).toHaveLength(2);
  });

  it("merges copies without a request id within one session only", () => {
    expect(kept(dedupe([copy("a", 2, 100, { m: "m" }), copy("a", 2, 300, { m: "m" })]))).toEqual([[2, 300]]);
    expect(kept(dedupe([copy("e", 9, 100, { m: "m" }), copy("f", 10, 100, { m: "m" })]))).toHaveLength(2);
    // The line's own sessionId names the session, not the file.
    const s = { sessionIdField: "S" };
    expect(kept(dedupe([copy("c", 4, 100, { m: "m" }, s), copy("d", 4, 300, { m: "m" }, s)]))).toEqual([
      [4, 300],
    ]);
  });

  it("merges a sidechain replay at the same time with the parent response", () => {
    const entries = [
      copy("f", 7, 100, { m: "m", r: "rp" }),
      copy("f", 7, 5000, { m: "m", r: "rs" }, { isSidechain: true }),
    ];
    expect(kept(dedupe(entries))).toEqual([[7, 100]]);
  });
});

describe("where the reports differ, as ccusage's do", () => {
  it("the session report finds a response copied into another session from that session too", () => {
    // A resumed session (b) holds a copy of a's response; a /btw replay in b's session then merges with it.
    const entries = [
      copy("a", 2, 100, { m: "m", r: "r1" }),
      copy("b", 2, 100, { m: "m", r: "r1" }),
      copy("x", 2, 900, { m: "m", r: "r2" }, { isSidechain: true, sessionIdField: "b" }),
    ];
    expect(kept(dedupeForSessions(entries))).toEqual([[2, 100]]);
  });

  it("the daily report needs the same timestamp to merge copies without a request id", () => {
    const entries = [copy("a", 1, 100, { m: "m" }), copy("a", 2, 300, { m: "m" })];
    expect(kept(dedupeForDaily(entries))).toEqual([
      [1, 100],
      [2, 300],
    ]);
    expect(kept(dedupeForSessions(entries))).toEqual([[2, 300]]);
  });

  it("the daily report merges a sidechain replay at another time; the session report does not", () => {
    const entries = [
      copy("e", 5, 100, { m: "m", r: "rp" }),
      copy("e", 6, 5000, { m: "m", r: "rs" }, { isSidechain: true }),
    ];
    expect(kept(dedupeForDaily(entries))).toEqual([[5, 100]]);
    expect(kept(dedupeForSessions(entries))).toEqual([
      [5, 100],
      [6, 5000],
    ]);
  });

  it("the daily report merges sidechain copies without a request id across times", () => {
    const side = { isSidechain: true };
    const entries = [copy("d", 5, 100, { m: "m" }, side), copy("d", 6, 50, { m: "m" }, side)];
    expect(kept(dedupeForDaily(entries))).toEqual([[5, 100]]);
    const mixed = [copy("e", 9, 100, { m: "m" }, side), copy("e", 10, 50, { m: "m" })];
    expect(kept(dedupeForDaily(mixed))).toEqual([[10, 50]]);
  });

  it("on equal tokens the daily report keeps the costlier copy", () => {
    const cheap = copy("a", 2, 100, { m: "m", r: "r" });
    const dear = { ...copy("a", 3, 100, { m: "m", r: "r" }), cost: 999 };
    expect(kept(dedupeForDaily([cheap, dear]))).toEqual([[3, 100]]);
    expect(kept(dedupeForSessions([cheap, dear]))).toEqual([[2, 100]]);
  });
});
