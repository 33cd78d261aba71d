// The colour of a cost badge, the same thresholds the PR status comment uses: green under $5, yellow $5–20,
// orange $20–50, red over $50.

export type BadgeColour = "green" | "yellow" | "orange" | "red";

export function costBadgeColour(usd: number): BadgeColour {
  if (usd < 5) return "green";
  if (usd < 20) return "yellow";
  if (usd <= 50) return "orange";
  return "red";
}
