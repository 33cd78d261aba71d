// The cost badge in Markdown for the status comment and `/drover cost`: src/cost/cost-badge.ts decides the
// colour and the words; this only puts them in a coloured dot and a code span.
import {
  costBadge as badgeParts,
  type CostColour,
  costColour,
  formatTokenCount,
  formatUsd,
} from "../../cost/cost-badge.js";

export { type CostColour, costColour, formatUsd };
export const formatTokens = formatTokenCount;

const dots: Record<CostColour, string> = { green: "🟢", yellow: "🟡", orange: "🟠", red: "🔴" };

/** "🟡 `$12.35`", or with counts "🟡 `$12.35` · 2 sessions, 1,250,000 tokens". */
export function costBadge(usd: number, counts: { sessions?: number; tokens?: number } = {}): string {
  const badge = badgeParts({ usd, ...counts });
  return `${dots[badge.colour]} \`${badge.amount}\`${badge.detail ? ` · ${badge.detail}` : ""}`;
}
