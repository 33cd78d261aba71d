// Model price lookup and cost arithmetic: long-context tiers, 1-hour cache writes, fast mode, cost modes.
import { describe, expect, it } from "vitest";
import { calculateCost, priceTokens } from "../../src/cost/calculate-cost.js";
import { createPriceLookup } from "../../src/cost/find-model-price.js";
import { loadPriceTable, type PriceTable, parsePriceTable } from "../../src/cost/price-table.js";
import { costOfUsage, findModelPrice } from "../../src/cost/shipped-prices.js";
import type { TokenUsage, UsageEntry } from "../../src/cost/types.js";

const usage = (u: Partial<TokenUsage>): TokenUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
  ...u,
});
const million = 1_000_000;

describe("the shipped price table", () => {
  it("holds the rates ccusage applies offline (USD per million tokens)", () => {
    const rates = (model: string) => {
      const p = findModelPrice(model)!;
      return [p.input, p.output, p.cacheWrite, p.input * 2, p.cacheRead];
    };
    expect(rates("claude-opus-4-20250514")).toEqual([15, 75, 18.75, 30, 1.5]);
    expect(rates("claude-opus-4-1-20250805")).toEqual([15, 75, 18.75, 30, 1.5]);
    expect(rates("claude-opus-4-5-20251101")).toEqual([5, 25, 6.25, 10, 0.5]);
    expect(rates("claude-sonnet-4-20250514")).toEqual([3, 15, 3.75, 6, 0.3]);
    expect(rates("claude-sonnet-4-5-20250929")).toEqual([3, 15, 3.75, 6, 0.3]);
    expect(rates("claude-haiku-4-5-20251001")).toEqual([1, 5, 1.25, 2, 0.1]);
    expect(rates("claude-3-5-haiku-20241022")).toEqual([0.8, 4, 1, 1.6, 0.08]);
    expect(findModelPrice("claude-sonnet-4-5")!.longContext).toMatchObject({
      input: 6,
      output: 22.5,
      cacheWrite: 7.5,
      cacheRead: 0.6,
    });
  });

  it("is valid and rejects a malformed table with the path and the problem", () => {
    expect(loadPriceTable().models["gpt-5"]).toBeDefined();
    expect(() =>
      parsePriceTable('{"about":"x","updatedAt":"y","models":{"m":{"input":-1,"output":1}}}', "t.json"),
    ).toThrow(/t\.json: is not a price table:\nmodels\.m\.input/);
    expect(() => parsePriceTable("{", "t.json")).toThrow(/t\.json: is not JSON/);
  });
});

describe("finding a model's price", () => {
  const table: PriceTable = {
    about: "",
    updatedAt: "",
    models: {
      "claude-opus-4": { input: 15, output: 75 },
      "claude-opus-4-5": { input: 5, output: 25 },
      "claude-sonnet-4-5": { input: 3, output: 15 },
      "claude-sonnet-4-5-20250929": { input: 3.1, output: 15 },
      "gpt-5": { input: 1.25, output: 10 },
      "gpt-5.1-codex": { input: 1.3, output: 10 },
    },
  };
  const find = (model: string) => createPriceLookup(table).find(model)?.input;

  it("prefers the exact key", () => expect(find("claude-sonnet-4-5-20250929")).toBe(3.1));
  it("reads . and @ as -", () => expect(find("claude-opus-4.5")).toBe(5));
  it("takes the longest key naming the model at word boundaries", () => {
    expect(find("anthropic/claude-sonnet-4-5")).toBe(3);
    expect(find("claude-sonnet-4-5-thinking")).toBe(3);
    expect(find("claude-opus-4-5-20260101")).toBe(5);
    expect(find("gpt-5.1-codex-max")).toBe(1.3);
  });
  it("does not read a key as an earlier version of a longer one", () => {
    expect(find("claude-opus-4-9")).toBeUndefined();
    expect(find("gpt-5.2")).toBeUndefined();
    expect(find("claude-opus-40")).toBeUndefined();
  });
  it("leaves unknown models unpriced", () => expect(find("acme-coder-7b")).toBeUndefined());
});

describe("pricing tokens", () => {
  const sonnet = findModelPrice("claude-sonnet-4-5")!;

  it("prices each category, 1-hour cache writes at twice the input rate", () => {
    const cost = priceTokens(
      usage({
        inputTokens: 100,
        outputTokens: 50,
        cacheWrite5mTokens: 1000,
        cacheWrite1hTokens: 10,
        cacheReadTokens: 2000,
      }),
      sonnet,
    );
    expect(cost).toBeCloseTo((100 * 3 + 50 * 15 + 1000 * 3.75 + 10 * 6 + 2000 * 0.3) / million, 12);
  });

  it("bills the tokens above 200k in a category at the long-context rate", () => {
    expect(priceTokens(usage({ cacheReadTokens: 300_000 }), sonnet)).toBeCloseTo(
      (200_000 * 0.3 + 100_000 * 0.6) / million,
      12,
    );
    expect(priceTokens(usage({ cacheWrite1hTokens: 250_000 }), sonnet)).toBeCloseTo(
      (200_000 * 6 + 50_000 * 12) / million,
      12,
    );
    // Categories are separate: 150k input + 150k cache read stay below the threshold.
    expect(priceTokens(usage({ inputTokens: 150_000, cacheReadTokens: 150_000 }), sonnet)).toBeCloseTo(
      (150_000 * 3 + 150_000 * 0.3) / million,
      12,
    );
  });

  it("bills an OpenAI request whose input exceeds the threshold entirely at the long-context rates", () => {
    const gpt54 = findModelPrice("gpt-5.4")!;
    expect(priceTokens(usage({ inputTokens: 272_000 }), gpt54)).toBeCloseTo(0.68, 12);
    expect(
      priceTokens(usage({ inputTokens: 1_000, cacheReadTokens: 271_001, outputTokens: 100_000 }), gpt54),
    ).toBeCloseTo((1_000 * 5 + 271_001 * 0.5 + 100_000 * 22.5) / million, 12);
  });

  it("applies the fast-mode multiplier", () => {
    expect(costOfUsage("claude-opus-4-6", usage({ inputTokens: million }), { fast: true })).toBeCloseTo(
      30,
      9,
    );
    expect(costOfUsage("claude-opus-4-1", usage({ inputTokens: million }), { fast: true })).toBeCloseTo(
      15,
      9,
    );
    expect(costOfUsage("acme-coder-7b", usage({ inputTokens: 1 }))).toBeUndefined();
  });
});

describe("cost modes", () => {
  const prices = createPriceLookup(loadPriceTable());
  const entry = (e: Partial<UsageEntry>): UsageEntry => ({
    agent: "claude",
    timestamp: 0,
    model: "claude-sonnet-4-5",
    pricingModel: "claude-sonnet-4-5",
    usage: usage({ inputTokens: 100_000 }),
    costUSD: undefined,
    fast: false,
    messageId: undefined,
    requestId: undefined,
    sessionIdField: undefined,
    isSidechain: false,
    kind: "direct",
    generalOk: true,
    dailyOk: true,
    ...e,
  });

  it("auto trusts a recorded costUSD and prices the rest", () => {
    expect(calculateCost(entry({ costUSD: 0.5 }), "auto", prices)).toEqual({ cost: 0.5, unpriced: false });
    expect(calculateCost(entry({}), "auto", prices).cost).toBeCloseTo(0.3, 9);
  });
  it("calculate always prices tokens", () => {
    expect(calculateCost(entry({ costUSD: 0.5 }), "calculate", prices).cost).toBeCloseTo(0.3, 9);
  });
  it("display shows only recorded costs", () => {
    expect(calculateCost(entry({ costUSD: 0.5 }), "display", prices).cost).toBe(0.5);
    expect(calculateCost(entry({}), "display", prices).cost).toBe(0);
  });
  it("reports unknown models as unpriced, with cost 0, never failing", () => {
    expect(calculateCost(entry({ pricingModel: "acme-coder-7b" }), "auto", prices)).toEqual({
      cost: 0,
      unpriced: true,
    });
    expect(calculateCost(entry({ pricingModel: "acme-coder-7b", usage: usage({}) }), "auto", prices)).toEqual(
      { cost: 0, unpriced: false },
    );
  });
});
