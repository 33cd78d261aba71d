// Vercel function: GET /api/costs/by-issue.
import { costRoutes } from "../../src/server/costs/cost-routes.js";
import { vercelFunction } from "../../src/server/vercel.js";

export default vercelFunction(costRoutes.byIssue);
