// Vercel function: GET /api/health.
import { handleHealth } from "../src/server/health.js";
import { vercelFunction } from "../src/server/vercel.js";

export default vercelFunction({ method: "GET", path: "/api/health", handler: handleHealth });
