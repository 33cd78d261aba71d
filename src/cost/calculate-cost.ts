// Prices one usage entry: the recorded `costUSD` or the tokens times the model's rates, per cost mode.
import type { PriceLookup } from "./find-model-price.js";
import type { ModelPrice } from "./price-table.js";
import type { CostMode, TokenUsage, UsageEntry } from "./types.js";

const perToken = (usdPerMillion: number) => usdPerMillion / 1_000_000;

/** Claude: within each category, tokens above the threshold are billed at the long-context rate. */
function tiered(tokens: number, base: number, above: number | undefined, threshold: number): number {
  if (tokens === 0) return 0;
  if (above !== undefined && tokens > threshold) return threshold * base + (tokens - threshold) * above;
  return tokens * base;
}

/** USD for the tokens of one entry at `price`, before any fast-mode multiplier. */
export function priceTokens(usage: TokenUsage, price: ModelPrice): number {
  const input = perToken(price.input);
  const output = perToken(price.output);
  // Models without published cache rates are billed as ccusage does: writes at 1.25× and reads at 0.1× input.
  const write5m = price.cacheWrite === undefined ? input * 1.25 : perToken(price.cacheWrite);
  const read = price.cacheRead === undefined ? input * 0.1 : perToken(price.cacheRead);
  // One-hour cache writes cost twice the input rate (Anthropic's published rule, as ccusage applies it).
  const write1h = input * 2;
  const long = price.longContext;
  const longRate = (value: number | undefined) => (value === undefined ? undefined : perToken(value));

  if (long?.scope === "request") {
    const context =
      usage.inputTokens + usage.cacheReadTokens + usage.cacheWrite5mTokens + usage.cacheWrite1hTokens;
    const isLong = context > long.threshold;
    const pick = (base: number, above: number | undefined) => (isLong && above !== undefined ? above : base);
    const longInput = longRate(long.input);
    return (
      usage.inputTokens * pick(input, longInput) +
      usage.outputTokens * pick(output, longRate(long.output)) +
      usage.cacheWrite5mTokens * pick(write5m, longRate(long.cacheWrite)) +
      usage.cacheWrite1hTokens * pick(write1h, longInput === undefined ? undefined : longInput * 2) +
      usage.cacheReadTokens * pick(read, longRate(long.cacheRead))
    );
  }
  const threshold = long?.threshold ?? 200_000;
  const longInput = longRate(long?.input);
  return (
    tiered(usage.inputTokens, input, longInput, threshold) +
    tiered(usage.outputTokens, output, longRate(long?.output), threshold) +
    tiered(usage.cacheWrite5mTokens, write5m, longRate(long?.cacheWrite), threshold) +
    tiered(
      usage.cacheWrite1hTokens,
      write1h,
      longInput === undefined ? undefined : longInput * 2,
      threshold,
    ) +
    tiered(usage.cacheReadTokens, read, longRate(long?.cacheRead), threshold)
  );
}

export interface EntryCost {
  cost: number;
  /** Set when tokens had to be priced but no price was found (cost counted as 0). */
  unpriced: boolean;
}

const totalTokens = (u: TokenUsage) =>
  u.inputTokens + u.outputTokens + u.cacheWrite5mTokens + u.cacheWrite1hTokens + u.cacheReadTokens;

/** The cost of one entry under `mode`, and whether its model lacked a price. */
export function calculateCost(entry: UsageEntry, mode: CostMode, prices: PriceLookup): EntryCost {
  if (mode === "display") return { cost: entry.costUSD ?? 0, unpriced: false };
  if (mode === "auto" && entry.costUSD !== undefined) return { cost: entry.costUSD, unpriced: false };
  if (entry.pricingModel === undefined) return { cost: 0, unpriced: false };
  const price = prices.find(entry.pricingModel);
  if (!price) return { cost: 0, unpriced: totalTokens(entry.usage) > 0 };
  const multiplier = entry.fast ? (price.fastMultiplier ?? 1) : 1;
  return { cost: priceTokens(entry.usage, price) * multiplier, unpriced: false };
}
