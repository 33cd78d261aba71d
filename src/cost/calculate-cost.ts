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
  return priceTokenCounts(
    usage.inputTokens,
    usage.outputTokens,
    usage.cacheWrite5mTokens,
    usage.cacheWrite1hTokens,
    usage.cacheReadTokens,
    price,
  );
}

/** A price's per-token rates, worked out once per model (the same arithmetic as per entry, so the same doubles). */
interface Rates {
  /** OpenAI: a request whose input exceeds the threshold is billed entirely at the higher rates. */
  request: boolean;
  threshold: number;
  input: number;
  output: number;
  write5m: number;
  write1h: number;
  read: number;
  inputAbove: number | undefined;
  outputAbove: number | undefined;
  write5mAbove: number | undefined;
  write1hAbove: number | undefined;
  readAbove: number | undefined;
}

const ratesByPrice = new WeakMap<ModelPrice, Rates>();

function ratesOf(price: ModelPrice): Rates {
  let rates = ratesByPrice.get(price);
  if (rates) return rates;
  const input = perToken(price.input);
  const long = price.longContext;
  const longRate = (value: number | undefined) => (value === undefined ? undefined : perToken(value));
  const inputAbove = longRate(long?.input);
  rates = {
    request: long?.scope === "request",
    threshold: long?.threshold ?? 200_000,
    input,
    output: perToken(price.output),
    // Models without published cache rates are billed as ccusage does: writes at 1.25× and reads at 0.1× input.
    write5m: price.cacheWrite === undefined ? input * 1.25 : perToken(price.cacheWrite),
    // One-hour cache writes cost twice the input rate (Anthropic's published rule, as ccusage applies it).
    write1h: input * 2,
    read: price.cacheRead === undefined ? input * 0.1 : perToken(price.cacheRead),
    inputAbove,
    outputAbove: longRate(long?.output),
    write5mAbove: longRate(long?.cacheWrite),
    write1hAbove: inputAbove === undefined ? undefined : inputAbove * 2,
    readAbove: longRate(long?.cacheRead),
  };
  ratesByPrice.set(price, rates);
  return rates;
}

/** The same from the five counts (reports price entries stored in columns, without objects). */
export function priceTokenCounts(
  inputTokens: number,
  outputTokens: number,
  cacheWrite5mTokens: number,
  cacheWrite1hTokens: number,
  cacheReadTokens: number,
  price: ModelPrice,
): number {
  const r = ratesOf(price);
  if (r.request) {
    const isLong = inputTokens + cacheReadTokens + cacheWrite5mTokens + cacheWrite1hTokens > r.threshold;
    return (
      inputTokens * (isLong && r.inputAbove !== undefined ? r.inputAbove : r.input) +
      outputTokens * (isLong && r.outputAbove !== undefined ? r.outputAbove : r.output) +
      cacheWrite5mTokens * (isLong && r.write5mAbove !== undefined ? r.write5mAbove : r.write5m) +
      cacheWrite1hTokens * (isLong && r.write1hAbove !== undefined ? r.write1hAbove : r.write1h) +
      cacheReadTokens * (isLong && r.readAbove !== undefined ? r.readAbove : r.read)
    );
  }
  const threshold = r.threshold;
  return (
    tiered(inputTokens, r.input, r.inputAbove, threshold) +
    tiered(outputTokens, r.output, r.outputAbove, threshold) +
    tiered(cacheWrite5mTokens, r.write5m, r.write5mAbove, threshold) +
    tiered(cacheWrite1hTokens, r.write1h, r.write1hAbove, threshold) +
    tiered(cacheReadTokens, r.read, r.readAbove, threshold)
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
