// The colour of the cost badge in the status comment and `/drover cost`.
import { describe, expect, it } from "vitest";
import { costBadge, costColour } from "../../src/github/status/cost-badge.js";

describe("the cost badge", () => {
  it("is green under $5, yellow to $20, orange to $50, red above", () => {
    expect([0, 4.99, 5, 19.99, 20, 50, 50.01].map(costColour)).toEqual([
      "green",
      "green",
      "yellow",
      "yellow",
      "orange",
      "orange",
      "red",
    ]);
    expect(costBadge(12.345)).toBe("🟡 `$12.35`");
  });
});
