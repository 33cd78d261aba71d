// The colour of a dashboard cost badge: the one cost badge (src/cost/cost-badge.ts) decides it, with the same
// thresholds as the PR status comment.
export { type CostColour as BadgeColour, costColour as costBadgeColour } from "../cost/cost-badge.js";
