// Every HTTP route the app serves.
import { handleCronSweep } from "./cron-sweep.js";
import { handleHealth } from "./health.js";
import type { Route } from "./router.js";

export const routes: Route[] = [
  { method: "GET", path: "/api/health", handler: handleHealth },
  { method: "GET", path: "/api/cron/sweep", handler: handleCronSweep },
];
