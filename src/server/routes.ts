// Every HTTP route the app serves.
import { dashboardRoutes } from "../dashboard/dashboard-routes.js";
import { handleGitHubWebhook } from "../github/handle-github-webhook.js";
import { linearRoutes } from "../linear/linear-routes.js";
import { slackRoutes } from "../slack/slack-routes.js";
import { costRoutes } from "./costs/cost-routes.js";
import { handleCronSweep } from "./cron-sweep.js";
import { handleHealth } from "./health.js";
import type { Route } from "./router.js";
import { runnerRoutes } from "./runner/routes.js";

export const routes: Route[] = [
  { method: "GET", path: "/api/health", handler: handleHealth },
  { method: "GET", path: "/api/cron/sweep", handler: handleCronSweep },
  { method: "POST", path: "/api/github/webhooks", handler: handleGitHubWebhook },
  ...Object.values(runnerRoutes),
  ...dashboardRoutes,
  ...Object.values(linearRoutes),
  ...slackRoutes,
  ...Object.values(costRoutes),
];
