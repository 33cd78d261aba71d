// Cost arithmetic shared by every store: whole micro-dollars instead of float dollars, so sums are exact and
// identical in Lua and in Node, and "add only what is new" for cumulative reports.

import type { CostByModel, CostReport, CostTotals } from "./store.js";
import { type StoreErrorContext, StoreUsageError } from "./store-errors.js";

export const costCounterFields = [
  "inputTokens",
  "outputTokens",
  "cacheCreationTokens",
  "cacheReadTokens",
  "usdMicros",
] as const;
export type CostCounterField = (typeof costCounterFields)[number];
export type CostCounters = Record<CostCounterField, number>;

export function zeroCounters(): CostCounters {
  return { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, usdMicros: 0 };
}

/** The report's cumulative totals as whole numbers; a negative or fractional token count is a caller bug. */
export function countersOf(report: CostReport, context: StoreErrorContext): CostCounters {
  const counters: CostCounters = {
    inputTokens: report.inputTokens,
    outputTokens: report.outputTokens,
    cacheCreationTokens: report.cacheCreationTokens,
    cacheReadTokens: report.cacheReadTokens,
    usdMicros: Math.round(report.usd * 1_000_000),
  };
  for (const field of costCounterFields) {
    const value = counters[field];
    if (!Number.isSafeInteger(value) || value < 0) {
      const shown = field === "usdMicros" ? `usd ${report.usd}` : `${field} ${report[field]}`;
      throw new StoreUsageError(
        `Cost report for agent session ${report.agentSessionId} (${report.model}, ${report.day}) has ${shown}; ` +
          "token counts must be whole numbers ≥ 0 and usd a finite amount ≥ 0.",
        context,
      );
    }
  }
  return counters;
}

/**
 * Reports are cumulative per (agent session, model, day): only the part above what was last seen is new.
 * Each counter moves on its own, so a repeated or older report adds nothing.
 */
export function newCost(
  last: CostCounters | undefined,
  next: CostCounters,
): { delta: CostCounters; seen: CostCounters } {
  const delta = zeroCounters();
  const seen = { ...(last ?? zeroCounters()) };
  for (const field of costCounterFields) {
    if (next[field] > seen[field]) {
      delta[field] = next[field] - seen[field];
      seen[field] = next[field];
    }
  }
  return { delta, seen };
}

export function addCounters(into: CostCounters, delta: CostCounters): void {
  for (const field of costCounterFields) into[field] += delta[field];
}

export function hasCost(counters: CostCounters): boolean {
  return costCounterFields.some((field) => counters[field] > 0);
}

export function totalsOf(counters: CostCounters): CostTotals {
  return {
    inputTokens: counters.inputTokens,
    outputTokens: counters.outputTokens,
    cacheCreationTokens: counters.cacheCreationTokens,
    cacheReadTokens: counters.cacheReadTokens,
    usd: counters.usdMicros / 1_000_000,
  };
}

export function costByModelOf(
  byModel: Map<string, CostCounters> | Record<string, CostCounters>,
): CostByModel {
  const entries = byModel instanceof Map ? [...byModel] : Object.entries(byModel);
  return Object.fromEntries(entries.map(([model, counters]) => [model, totalsOf(counters)]));
}

/** The account a repo's cost counts under for viewers who see only some accounts: its owner, lower case. */
export function costAccount(repo: string): string {
  return repo.split("/")[0]!.toLowerCase();
}

/** The key readCostByIssue uses for an issue: "owner/name#key". */
export function issueCostKey(repo: string, issueKey: string): string {
  return `${repo}#${issueKey}`;
}

/** Dollars and tokens of some costs by model, together. */
export interface CostSum {
  usd: number;
  tokens: number;
}

/** Input, output, cache creation and cache read tokens. */
export function totalTokens(totals: CostTotals): number {
  return totals.inputTokens + totals.outputTokens + totals.cacheCreationTokens + totals.cacheReadTokens;
}

export function sumCost(byModel: CostByModel | undefined): CostSum {
  let usd = 0;
  let tokens = 0;
  for (const totals of Object.values(byModel ?? {})) {
    usd += totals.usd;
    tokens += totalTokens(totals);
  }
  return { usd: roundUsd(usd), tokens };
}

/** Several sums as one. */
export function addSums(sums: readonly CostSum[]): CostSum {
  let usd = 0;
  let tokens = 0;
  for (const sum of sums) {
    usd += sum.usd;
    tokens += sum.tokens;
  }
  return { usd: roundUsd(usd), tokens };
}

/** Micro-dollar aggregates summed as floats: rounded back to whole micro-dollars. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
