// Price lookups against the table shipped with Drover, for callers that only have a model name and tokens.
import { priceTokens } from "./calculate-cost.js";
import { createPriceLookup, type PriceLookup } from "./find-model-price.js";
import { loadPriceTable, type ModelPrice } from "./price-table.js";
import type { TokenUsage } from "./types.js";

let lookup: PriceLookup | undefined;
const prices = () => (lookup ??= createPriceLookup(loadPriceTable()));

/** USD per million tokens for `model` (exact name, else the longest price key naming it), or undefined. */
export function findModelPrice(model: string): ModelPrice | undefined {
  return prices().find(model);
}

/** What `usage` costs on `model` in USD, or undefined when the model has no known price. */
export function costOfUsage(
  model: string,
  usage: TokenUsage,
  options: { fast?: boolean } = {},
): number | undefined {
  const price = findModelPrice(model);
  if (!price) return undefined;
  return priceTokens(usage, price) * (options.fast ? (price.fastMultiplier ?? 1) : 1);
}
