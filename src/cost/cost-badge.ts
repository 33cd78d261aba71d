// The one cost badge, shown by the PR's status comment, `/drover cost` and the dashboard: a colour read at a
// glance (green under $5, yellow $5 to under $20, orange $20 to $50, red over $50), the amount, and how many
// sessions and tokens it took. Each surface only renders these parts in its own markup.

export type CostColour = "green" | "yellow" | "orange" | "red";

export interface CostBadge {
  colour: CostColour;
  /** "$12.35"; a non-zero amount under half a cent is "<$0.01" rather than a misleading "$0.00". */
  amount: string;
  /** "2 sessions, 1,250,000 tokens"; only the parts that were given. */
  detail: string;
}

export function costColour(usd: number): CostColour {
  if (usd < 5) return "green";
  if (usd < 20) return "yellow";
  if (usd <= 50) return "orange";
  return "red";
}

export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.005) return "<$0.01";
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** "1,250,000": exact counts, because people compare them with their provider's invoice. */
export function formatTokenCount(tokens: number): string {
  return tokens.toLocaleString("en-US");
}

export function costBadge(cost: { usd: number; sessions?: number; tokens?: number }): CostBadge {
  const parts: string[] = [];
  if (cost.sessions !== undefined)
    parts.push(`${cost.sessions} ${cost.sessions === 1 ? "session" : "sessions"}`);
  if (cost.tokens !== undefined)
    parts.push(`${formatTokenCount(cost.tokens)} ${cost.tokens === 1 ? "token" : "tokens"}`);
  return { colour: costColour(cost.usd), amount: formatUsd(cost.usd), detail: parts.join(", ") };
}
