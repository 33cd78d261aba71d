// The JSON shapes of the cost API: amounts in US dollars rounded to whole micro-dollars (the unit the store
// counts in, so sums never show float noise), token counts split the way providers bill them.

import { roundUsd, totalTokens } from "../../store/cost-counters.js";
import type { CostByModel, CostTotals } from "../../store/store.js";

export interface CostJson {
  usd: number;
  /** All four kinds below added up. */
  tokens: number;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

export interface ModelCostJson extends CostJson {
  model: string;
  /** This model's part of the cost, 0–1 (four decimals); null when nothing was spent. */
  share: number | null;
}

export function costJson(totals: CostTotals): CostJson {
  const { inputTokens, outputTokens, cacheCreationTokens, cacheReadTokens } = totals;
  return {
    usd: roundUsd(totals.usd),
    tokens: totalTokens(totals),
    inputTokens,
    outputTokens,
    cacheCreationTokens,
    cacheReadTokens,
  };
}

/** Every model's totals added up. */
export function totalOf(byModel: CostByModel): CostJson {
  const total: CostTotals = {
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationTokens: 0,
    cacheReadTokens: 0,
    usd: 0,
  };
  for (const t of Object.values(byModel)) {
    total.inputTokens += t.inputTokens;
    total.outputTokens += t.outputTokens;
    total.cacheCreationTokens += t.cacheCreationTokens;
    total.cacheReadTokens += t.cacheReadTokens;
    total.usd += t.usd;
  }
  return costJson(total);
}

/** Most expensive first (then by name), each with its share of `totalUsd`. */
export function byModelJson(byModel: CostByModel, totalUsd: number): ModelCostJson[] {
  return Object.entries(byModel)
    .map(([model, totals]) => {
      const cost = costJson(totals);
      const share = totalUsd > 0 ? Math.round((cost.usd / totalUsd) * 10_000) / 10_000 : null;
      return { model, ...cost, share };
    })
    .sort((a, b) => b.usd - a.usd || b.tokens - a.tokens || a.model.localeCompare(b.model));
}
