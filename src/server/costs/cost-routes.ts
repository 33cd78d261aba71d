// The cost API's routes, for the route table (`drover serve`) and one Vercel function each (api/).
import type { Route } from "../router.js";
import { handleCostSummary } from "./cost-summary-report.js";
import { handleCostsByIssue } from "./costs-by-issue-report.js";
import { handleIssueCosts } from "./issue-cost-report.js";

export const costRoutes = {
  issueCosts: { method: "GET", path: "/api/issues/:owner/:repo/:number/costs", handler: handleIssueCosts },
  summary: { method: "GET", path: "/api/costs/summary", handler: handleCostSummary },
  byIssue: { method: "GET", path: "/api/costs/by-issue", handler: handleCostsByIssue },
} satisfies Record<string, Route>;
