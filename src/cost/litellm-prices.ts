// Builds Drover's price table from LiteLLM's model_prices_and_context_window.json (what ccusage prices with).
//
// Used by scripts/refresh-prices.ts only: at run time Drover reads the shipped table and never the network.
// LiteLLM gives USD per token; the table keeps USD per million tokens, rounded so that 3e-6 reads as 3.
import { z } from "zod";
import { formatIssues } from "../config/format-issues.js";
import { CostError } from "./errors.js";
import { type ModelPrice, type PriceTable, priceTableSchema } from "./price-table.js";

const rate = z.number().min(0).optional();
const liteLlmEntrySchema = z.looseObject({
  input_cost_per_token: rate,
  output_cost_per_token: rate,
  cache_creation_input_token_cost: rate,
  cache_read_input_token_cost: rate,
  input_cost_per_token_above_200k_tokens: rate,
  output_cost_per_token_above_200k_tokens: rate,
  cache_creation_input_token_cost_above_200k_tokens: rate,
  cache_read_input_token_cost_above_200k_tokens: rate,
  litellm_provider: z.string().optional(),
});
type LiteLlmEntry = z.infer<typeof liteLlmEntrySchema>;

/** The models Claude Code and Codex name: Anthropic's `claude-*` and OpenAI's `gpt-5*` (no provider prefix). */
const tracked = (key: string, entry: LiteLlmEntry) =>
  !key.includes("/") &&
  ((/^claude-/.test(key) && (entry.litellm_provider ?? "anthropic") === "anthropic") ||
    (/^gpt-5/.test(key) && (entry.litellm_provider ?? "openai") === "openai"));

const perMillion = (perToken: number | undefined) =>
  perToken === undefined ? undefined : Number((perToken * 1_000_000).toPrecision(12));

function convert(entry: LiteLlmEntry, current: ModelPrice | undefined): ModelPrice | undefined {
  const input = perMillion(entry.input_cost_per_token);
  const output = perMillion(entry.output_cost_per_token);
  if (input === undefined || output === undefined) return undefined;
  const price: ModelPrice = { input, output };
  const cacheWrite = perMillion(entry.cache_creation_input_token_cost);
  const cacheRead = perMillion(entry.cache_read_input_token_cost);
  if (cacheWrite !== undefined) price.cacheWrite = cacheWrite;
  if (cacheRead !== undefined) price.cacheRead = cacheRead;
  const long = {
    input: perMillion(entry.input_cost_per_token_above_200k_tokens),
    output: perMillion(entry.output_cost_per_token_above_200k_tokens),
    cacheWrite: perMillion(entry.cache_creation_input_token_cost_above_200k_tokens),
    cacheRead: perMillion(entry.cache_read_input_token_cost_above_200k_tokens),
  };
  if (Object.values(long).some((v) => v !== undefined)) {
    price.longContext = { threshold: 200_000, scope: "tokens" };
    for (const [k, v] of Object.entries(long))
      if (v !== undefined) (price.longContext as Record<string, unknown>)[k] = v;
  } else if (current?.longContext?.scope === "request") {
    // OpenAI's whole-request long-context rates are not in LiteLLM: keep the ones the table has.
    price.longContext = current.longContext;
  }
  // Fast-mode multipliers are not in LiteLLM either.
  if (current?.fastMultiplier !== undefined) price.fastMultiplier = current.fastMultiplier;
  return price;
}

export interface RefreshResult {
  table: PriceTable;
  added: string[];
  changed: string[];
}

/** The new table: every tracked LiteLLM model, plus the current table's models LiteLLM no longer lists. */
export function priceTableFromLiteLlm(
  source: unknown,
  current: PriceTable,
  updatedAt: string,
): RefreshResult {
  const parsed = z.record(z.string(), z.unknown()).safeParse(source);
  if (!parsed.success) throw new CostError("LiteLLM pricing is not a JSON object of models");
  const models: Record<string, ModelPrice> = {};
  const added: string[] = [];
  const changed: string[] = [];
  for (const [key, raw] of Object.entries(parsed.data)) {
    const entry = liteLlmEntrySchema.safeParse(raw);
    if (!entry.success || !tracked(key, entry.data)) continue;
    const price = convert(entry.data, current.models[key]);
    if (!price) continue;
    models[key] = price;
    if (!current.models[key]) added.push(key);
    else if (JSON.stringify(current.models[key]) !== JSON.stringify(price)) changed.push(key);
  }
  for (const [key, price] of Object.entries(current.models)) models[key] ??= price;
  const sorted = Object.fromEntries(
    Object.keys(models)
      .sort()
      .map((k) => [k, models[k]!]),
  );
  const table = { about: current.about, updatedAt, models: sorted };
  const check = priceTableSchema.safeParse(table);
  if (!check.success) throw new CostError(`refreshed price table is invalid:\n${formatIssues(check.error)}`);
  return { table: check.data, added, changed };
}
