// The cost badge of the status comment and `/drover cost`: a colour people read at a glance, and the amount.
// green under $5, yellow from $5 to under $20, orange from $20 to $50, red over $50.

export type CostColour = "green" | "yellow" | "orange" | "red";

export function costColour(usd: number): CostColour {
  if (usd < 5) return "green";
  if (usd < 20) return "yellow";
  if (usd <= 50) return "orange";
  return "red";
}

const dots: Record<CostColour, string> = { green: "🟢", yellow: "🟡", orange: "🟠", red: "🔴" };

export function formatUsd(usd: number): string {
  return `$${usd.toFixed(2)}`;
}

export function costBadge(usd: number): string {
  return `${dots[costColour(usd)]} \`${formatUsd(usd)}\``;
}

export function formatTokens(tokens: number): string {
  return tokens.toLocaleString("en-US");
}
