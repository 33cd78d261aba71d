// Vercel function: GET /api/issues/:owner/:repo/:number/costs (Vercel fills the bracketed folders from the path;
// the route reads them from the request's own path, as `drover serve` does).
import { costRoutes } from "../../../../../src/server/costs/cost-routes.js";
import { vercelFunction } from "../../../../../src/server/vercel.js";

export default vercelFunction(costRoutes.issueCosts);
