// Adds priced entries up into report rows: tokens, cost, models in first-seen order, breakdowns by cost.
import type { PricedEntry } from "./dedupe-entries.js";
import type { ModelBreakdown, ReportRowBase, ReportTotals } from "./types.js";

/** Accumulates one row. Models appear in the order first seen; breakdowns are sorted by cost, highest first. */
export class RowAccumulator {
  inputTokens = 0;
  outputTokens = 0;
  cacheCreationTokens = 0;
  cacheReadTokens = 0;
  totalCost = 0;
  firstActivity = Number.POSITIVE_INFINITY;
  lastActivity = Number.NEGATIVE_INFINITY;
  private readonly breakdowns = new Map<string, ModelBreakdown>();

  add({ entry, cost, unpriced }: Pick<PricedEntry, "entry" | "cost" | "unpriced">): void {
    const u = entry.usage;
    this.addValues(
      entry.model,
      u.inputTokens,
      u.outputTokens,
      u.cacheWrite5mTokens + u.cacheWrite1hTokens,
      u.cacheReadTokens,
      cost,
      unpriced,
      entry.timestamp,
    );
  }

  /** The same from plain values (reports read entries from columns). */
  addValues(
    model: string | undefined,
    inputTokens: number,
    outputTokens: number,
    cacheCreation: number,
    cacheReadTokens: number,
    cost: number,
    unpriced: boolean,
    timestamp: number,
  ): void {
    this.inputTokens += inputTokens;
    this.outputTokens += outputTokens;
    this.cacheCreationTokens += cacheCreation;
    this.cacheReadTokens += cacheReadTokens;
    this.totalCost += cost;
    if (timestamp < this.firstActivity) this.firstActivity = timestamp;
    if (timestamp > this.lastActivity) this.lastActivity = timestamp;
    if (model === undefined) return; // `<synthetic>` and model-less lines count, but under no model
    let breakdown = this.breakdowns.get(model);
    if (!breakdown) {
      breakdown = {
        modelName: model,
        inputTokens: 0,
        outputTokens: 0,
        cacheCreationTokens: 0,
        cacheReadTokens: 0,
        cost: 0,
      };
      this.breakdowns.set(model, breakdown);
    }
    breakdown.inputTokens += inputTokens;
    breakdown.outputTokens += outputTokens;
    breakdown.cacheCreationTokens += cacheCreation;
    breakdown.cacheReadTokens += cacheReadTokens;
    breakdown.cost += cost;
    if (unpriced) breakdown.missingPricing = true;
  }

  toRow(): ReportRowBase {
    const modelBreakdowns = [...this.breakdowns.values()].sort((a, b) => b.cost - a.cost);
    return {
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      cacheCreationTokens: this.cacheCreationTokens,
      cacheReadTokens: this.cacheReadTokens,
      totalTokens: this.inputTokens + this.outputTokens + this.cacheCreationTokens + this.cacheReadTokens,
      totalCost: this.totalCost,
      modelsUsed: [...this.breakdowns.keys()],
      modelBreakdowns,
    };
  }
}

/** Sums rows into the totals object; unpriced models are listed once, in the order first met. */
export function totalsOf(rows: readonly ReportRowBase[]): ReportTotals {
  const totals: ReportTotals = {
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationTokens: 0,
    cacheReadTokens: 0,
    totalTokens: 0,
    totalCost: 0,
  };
  const unpriced: string[] = [];
  for (const row of rows) {
    totals.inputTokens += row.inputTokens;
    totals.outputTokens += row.outputTokens;
    totals.cacheCreationTokens += row.cacheCreationTokens;
    totals.cacheReadTokens += row.cacheReadTokens;
    totals.totalTokens += row.totalTokens;
    totals.totalCost += row.totalCost;
    for (const b of row.modelBreakdowns)
      if (b.missingPricing && !unpriced.includes(b.modelName)) unpriced.push(b.modelName);
  }
  if (unpriced.length > 0) totals.unpricedModels = unpriced;
  return totals;
}
