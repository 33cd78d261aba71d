// Which timestamps count: exactly those ccusage 20.0.24 accepts (measured against the binary).
import { describe, expect, it } from "vitest";
import { parseTimestamp } from "../../src/cost/parse-timestamp.js";

describe("parseTimestamp", () => {
  it.each([
    ["2025-06-01T10:00:00.000Z", Date.UTC(2025, 5, 1, 10)],
    ["2025-06-01T10:00:00Z", Date.UTC(2025, 5, 1, 10)],
    ["2025-06-01T10:00:00.123Z", Date.UTC(2025, 5, 1, 10, 0, 0, 123)],
    ["2025-06-01T10:00:00+02:00", Date.UTC(2025, 5, 1, 8)],
    ["2025-06-01T10:00:00.000-05:00", Date.UTC(2025, 5, 1, 15)],
    ["2025-06-01T10:00:00-00:00", Date.UTC(2025, 5, 1, 10)],
    ["2025-06-01T10:00:00+23:59", Date.UTC(2025, 5, 1, 10) - (23 * 60 + 59) * 60_000],
    ["2024-02-29T10:00:00Z", Date.UTC(2024, 1, 29, 10)],
    ["2025-06-01T23:59:59.999Z", Date.UTC(2025, 5, 1, 23, 59, 59, 999)],
  ])("accepts %s", (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it("keeps years below 100 as written", () => {
    expect(new Date(parseTimestamp("0000-06-01T10:00:00Z")!).toISOString()).toBe("0000-06-01T10:00:00.000Z");
  });

  it.each([
    "2025-06-01T10:00:00.1Z",
    "2025-06-01T10:00:00.12Z",
    "2025-06-01T10:00:00.1234Z",
    "2025-06-01T10:00:00.123456Z",
    "2025-06-01T10:00:00+0200",
    "2025-06-01T10:00:00.000z",
    "2025-06-01t10:00:00.000Z",
    "2025-06-01 10:00:00Z",
    "2025-06-01T10:00Z",
    "2025-06-01T10:00:00",
    "2025-06-01",
    "2025-06-01T24:00:00Z",
    "2025-06-01T10:60:00Z",
    "2025-06-01T10:00:60Z",
    "2025-02-29T10:00:00Z",
    "2025-13-01T10:00:00Z",
    "2025-06-00T10:00:00Z",
    "2025-06-01T10:00:00+25:00",
    "2025-06-01T10:00:00+05:61",
    "2025-06-01T10:00:00.000Z ",
    " 2025-06-01T10:00:00Z",
    "2025-06-01T10:00:00,123Z",
    "garbage",
  ])("rejects %s", (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});
