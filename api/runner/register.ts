// Vercel function: POST /api/runner/register.
import { runnerRoutes } from "../../src/server/runner/routes.js";
import { vercelFunction } from "../../src/server/vercel.js";

export default vercelFunction(runnerRoutes.register);
