// Turning LiteLLM's pricing file into Drover's table (what scripts/refresh-prices.ts writes), offline.
import { describe, expect, it } from "vitest";
import { priceTableFromLiteLlm } from "../../src/cost/litellm-prices.js";
import type { PriceTable } from "../../src/cost/price-table.js";

const current: PriceTable = {
  about: "test",
  updatedAt: "2025-01-01",
  models: {
    "claude-opus-4-6": { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5, fastMultiplier: 6 },
    "gpt-5.4": { input: 2.5, output: 15, longContext: { threshold: 272_000, scope: "request", input: 5 } },
    "claude-retired-1": { input: 1, output: 2 },
  },
};
const liteLlm = {
  sample_spec: { input_cost_per_token: 0 },
  "claude-opus-4-6": {
    input_cost_per_token: 5e-6,
    output_cost_per_token: 2.5e-5,
    cache_creation_input_token_cost: 6.25e-6,
    cache_read_input_token_cost: 5e-7,
    litellm_provider: "anthropic",
  },
  "claude-sonnet-4-5": {
    input_cost_per_token: 3e-6,
    output_cost_per_token: 1.5e-5,
    cache_creation_input_token_cost: 3.75e-6,
    cache_read_input_token_cost: 3e-7,
    input_cost_per_token_above_200k_tokens: 6e-6,
    output_cost_per_token_above_200k_tokens: 2.25e-5,
    litellm_provider: "anthropic",
  },
  "gpt-5.4": { input_cost_per_token: 2.6e-6, output_cost_per_token: 1.5e-5, litellm_provider: "openai" },
  "bedrock/claude-sonnet-4-5": { input_cost_per_token: 3.3e-6, output_cost_per_token: 1.65e-5 },
  "gpt-4o": { input_cost_per_token: 2.5e-6, output_cost_per_token: 1e-5, litellm_provider: "openai" },
  "claude-broken": { input_cost_per_token: "free" },
};

describe("priceTableFromLiteLlm", () => {
  const { table, added, changed } = priceTableFromLiteLlm(liteLlm, current, "2025-11-22");

  it("converts per-token prices to per-million, with long-context rates", () => {
    expect(table.models["claude-sonnet-4-5"]).toEqual({
      input: 3,
      output: 15,
      cacheWrite: 3.75,
      cacheRead: 0.3,
      longContext: { threshold: 200_000, scope: "tokens", input: 6, output: 22.5 },
    });
  });

  it("keeps what LiteLLM does not know: fast multipliers, request-wide tiers, retired models", () => {
    expect(table.models["claude-opus-4-6"]!.fastMultiplier).toBe(6);
    expect(table.models["gpt-5.4"]).toMatchObject({
      input: 2.6,
      longContext: { scope: "request", threshold: 272_000 },
    });
    expect(table.models["claude-retired-1"]).toEqual({ input: 1, output: 2 });
  });

  it("tracks only Claude and GPT-5 models without a provider prefix, skipping invalid entries", () => {
    expect(Object.keys(table.models)).toEqual([
      "claude-opus-4-6",
      "claude-retired-1",
      "claude-sonnet-4-5",
      "gpt-5.4",
    ]);
    expect(added).toEqual(["claude-sonnet-4-5"]);
    expect(changed).toEqual(["gpt-5.4"]);
    expect(table.updatedAt).toBe("2025-11-22");
  });

  it("refuses a source that is not an object of models", () => {
    expect(() => priceTableFromLiteLlm([1, 2], current, "x")).toThrow(/not a JSON object of models/);
  });
});
