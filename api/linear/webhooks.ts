// Vercel function: POST /api/linear/webhooks.
import { linearRoutes } from "../../src/linear/linear-routes.js";
import { vercelFunction } from "../../src/server/vercel.js";

export default vercelFunction(linearRoutes.webhooks);
