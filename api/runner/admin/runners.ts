// Vercel function: GET /api/runner/admin/runners.
import { runnerRoutes } from "../../../src/server/runner/routes.js";
import { vercelFunction } from "../../../src/server/vercel.js";

export default vercelFunction(runnerRoutes.runners);
