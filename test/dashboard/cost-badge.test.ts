// Cost badge colours at and around each threshold: green < $5, yellow $5–20, orange $20–50, red > $50.
import { describe, expect, it } from "vitest";
import { costBadgeColour } from "../../src/dashboard/cost-badge.js";
import { formatUsd } from "../../src/dashboard/format.js";

describe("costBadgeColour", () => {
  it.each([
    [0, "green"],
    [4.99, "green"],
    [4.999999, "green"],
    [5, "yellow"],
    [12.5, "yellow"],
    [19.99, "yellow"],
    [20, "orange"],
    [35, "orange"],
    [50, "orange"],
    [50.01, "red"],
    [1234, "red"],
  ] as const)("$%d is %s", (usd, colour) => {
    expect(costBadgeColour(usd)).toBe(colour);
  });
});

describe("formatUsd", () => {
  it("writes cents, thousands and tiny amounts readably", () => {
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(0.004)).toBe("<$0.01");
    expect(formatUsd(3.456)).toBe("$3.46");
    expect(formatUsd(1234.5)).toBe("$1,234.50");
  });
});
