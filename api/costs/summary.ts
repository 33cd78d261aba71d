// Vercel function: GET /api/costs/summary.
import { costRoutes } from "../../src/server/costs/cost-routes.js";
import { vercelFunction } from "../../src/server/vercel.js";

export default vercelFunction(costRoutes.summary);
