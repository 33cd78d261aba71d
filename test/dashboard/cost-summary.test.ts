// The costs page's figures from store aggregates: today / last 7 days / this month, the daily series, and
// issues joined with their sessions, most expensive first.
import { describe, expect, it } from "vitest";
import { costPeriods, dailyCost, firstDayNeeded, issueCostRows } from "../../src/dashboard/cost-summary.js";
import { sumCost } from "../../src/store/cost-counters.js";
import type { CostByModel, CostTotals } from "../../src/store/store.js";
import { sessionIn } from "../core/samples.js";

const totals = (usd: number, tokens = 100): CostTotals => ({
  inputTokens: tokens,
  outputTokens: tokens,
  cacheCreationTokens: 0,
  cacheReadTokens: tokens,
  usd,
});
const cost = (usd: number): CostByModel => ({ "claude-sonnet-4-5": totals(usd) });

describe("cost summary", () => {
  const now = Date.UTC(2026, 10, 3, 15); // 3 November: the week reaches back into October
  const byDay: Record<string, CostByModel> = {
    "2026-10-20": cost(100), // too old for the week, another month
    "2026-10-29": cost(1), // in the last 7 days, not in November
    "2026-11-01": { "claude-sonnet-4-5": totals(2), "claude-opus-4-1": totals(0.5, 10) },
    "2026-11-03": cost(0.25),
  };

  it("sums models exactly and counts every kind of token", () => {
    expect(sumCost(byDay["2026-11-01"])).toEqual({ usd: 2.5, tokens: 330 });
    expect(sumCost(undefined)).toEqual({ usd: 0, tokens: 0 });
  });

  it("totals today, the last 7 days and the month so far", () => {
    expect(costPeriods(byDay, now)).toEqual({
      today: { usd: 0.25, tokens: 300 },
      week: { usd: 3.75, tokens: 930 },
      month: { usd: 2.75, tokens: 630 },
    });
  });

  it("reads from whichever starts first: the chart or the month", () => {
    expect(firstDayNeeded(now, 30)).toBe("2026-10-05");
    expect(firstDayNeeded(Date.UTC(2026, 10, 30), 7)).toBe("2026-11-01");
  });

  it("gives a zero for days without cost", () => {
    expect(dailyCost(byDay, ["2026-11-01", "2026-11-02", "2026-11-03"])).toEqual([
      { day: "2026-11-01", usd: 2.5 },
      { day: "2026-11-02", usd: 0 },
      { day: "2026-11-03", usd: 0.25 },
    ]);
  });

  it("joins issues with their sessions, most expensive first", () => {
    const session = sessionIn("working"); // acme/web#42
    const rows = issueCostRows({ "acme/web#42": cost(7), "acme/api#ENG-9": cost(60) }, [session]);
    expect(rows.map((r) => [r.key, r.usd, r.sessions, r.title ?? null])).toEqual([
      ["acme/api#ENG-9", 60, 0, null],
      ["acme/web#42", 7, 1, "Fix the login redirect"],
    ]);
    expect(rows[1]).toMatchObject({ repo: "acme/web", issueKey: "42", url: session.issue.url });
  });
});
