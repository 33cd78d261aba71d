// Vercel function: GET /api/cron/sweep (scheduled in vercel.json).
import { handleCronSweep } from "../../src/server/cron-sweep.js";
import { vercelFunction } from "../../src/server/vercel.js";

export default vercelFunction({ method: "GET", path: "/api/cron/sweep", handler: handleCronSweep });
