// The one cost badge: its colour at and around each threshold (green < $5, yellow $5–20, orange $20–50,
// red > $50), its amount and its "N sessions, M tokens", and the same parts in the GitHub and dashboard badges.
import { describe, expect, it } from "vitest";
import { costBadge, costColour } from "../../src/cost/cost-badge.js";
import { costBadge as dashboardBadge } from "../../src/dashboard/views/cost-badge-view.js";
import { costBadge as markdownBadge } from "../../src/github/status/cost-badge.js";

describe("costBadge", () => {
  it.each([
    [0, "green"],
    [4.99, "green"],
    [4.999999, "green"],
    [5, "yellow"],
    [19.99, "yellow"],
    [20, "orange"],
    [50, "orange"],
    [50.000001, "red"],
    [1234, "red"],
  ] as const)("$%d is %s", (usd, colour) => {
    expect(costColour(usd)).toBe(colour);
    expect(costBadge({ usd }).colour).toBe(colour);
  });

  it("writes the amount in dollars and cents and says how many sessions and tokens it took", () => {
    expect(costBadge({ usd: 23.5, sessions: 2, tokens: 1_250_000 })).toEqual({
      colour: "orange",
      amount: "$23.50",
      detail: "2 sessions, 1,250,000 tokens",
    });
    expect(costBadge({ usd: 0.004, sessions: 1, tokens: 1 })).toEqual({
      colour: "green",
      amount: "<$0.01",
      detail: "1 session, 1 token",
    });
    expect(costBadge({ usd: 1234.5 })).toEqual({ colour: "red", amount: "$1,234.50", detail: "" });
  });

  it("is what the status comment and the dashboard show", () => {
    expect(markdownBadge(12.345, { sessions: 3, tokens: 40_000 })).toBe(
      "🟡 `$12.35` · 3 sessions, 40,000 tokens",
    );
    expect(dashboardBadge(60, { sessions: 3, tokens: 40_000 }).text).toBe(
      '<span class="chip red" data-cost-badge="red" title="3 sessions, 40,000 tokens">$60.00</span>',
    );
    expect(dashboardBadge(0).text).toBe('<span class="chip green" data-cost-badge="green">$0.00</span>');
  });
});
