// Vercel function: POST /api/runner/poll.
import { runnerRoutes } from "../../src/server/runner/routes.js";
import { vercelFunction } from "../../src/server/vercel.js";

export default vercelFunction(runnerRoutes.poll);
