// The price table shipped with Drover (price-table.json beside this file): its schema and its loading.
//
// Prices never come from the network at run time; scripts/refresh-prices.ts rewrites the JSON file.
import { z } from "zod";
import { formatIssues } from "../config/format-issues.js";
import { CostFileError } from "./errors.js";
import { priceTableText, priceTableUrl } from "./price-table-text.js";

export { priceTableText, priceTableUrl };

const rate = z.number().min(0);

export const modelPriceSchema = z.strictObject({
  /** USD per million input tokens. */
  input: rate,
  output: rate,
  /** 5-minute cache writes; absent for models without prompt-cache writes (OpenAI). */
  cacheWrite: rate.optional(),
  cacheRead: rate.optional(),
  /** Claude's fast mode and Codex's priority tier multiply the whole cost. */
  fastMultiplier: z.number().positive().optional(),
  longContext: z
    .strictObject({
      threshold: z.int().positive(),
      /**
       * `tokens`: in each category, tokens above the threshold are billed at the higher rate (Claude).
       * `request`: a request whose input exceeds the threshold is billed entirely at the higher rates (OpenAI).
       */
      scope: z.enum(["tokens", "request"]),
      input: rate.optional(),
      output: rate.optional(),
      cacheWrite: rate.optional(),
      cacheRead: rate.optional(),
    })
    .optional(),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

export const priceTableSchema = z.strictObject({
  about: z.string(),
  updatedAt: z.string(),
  models: z.record(z.string().min(1), modelPriceSchema),
});
export type PriceTable = z.infer<typeof priceTableSchema>;

let shipped: PriceTable | undefined;

/** Validates a price table read from `source` (a path or URL, for messages). */
export function parsePriceTable(text: string, source: string): PriceTable {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CostFileError(source, `is not JSON (${(error as Error).message})`);
  }
  const result = priceTableSchema.safeParse(json);
  if (!result.success)
    throw new CostFileError(source, `is not a price table:\n${formatIssues(result.error)}`);
  return result.data;
}

/** The table shipped with this build of Drover, read once. */
export function loadPriceTable(): PriceTable {
  shipped ??= parsePriceTable(priceTableText(), priceTableUrl.pathname);
  return shipped;
}
