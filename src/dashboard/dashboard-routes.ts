// Every dashboard route, for `drover serve` (src/server/routes.ts) and the Vercel function (api/dashboard).
import type { Route } from "../server/router.js";
import { handleAsset } from "./assets/serve-asset.js";
import { pageRoute } from "./page-route.js";
import { attentionPage } from "./pages/attention-page.js";
import { costsPage } from "./pages/costs-page.js";
import { metricsPage } from "./pages/metrics-page.js";
import { sessionPage } from "./pages/session-page.js";
import { sessionActionRoute, sessionActions } from "./session-actions.js";
import { signInRoutes } from "./sign-in-routes.js";

export const dashboardRoutes: Route[] = [
  pageRoute("/dashboard", attentionPage),
  pageRoute("/dashboard/sessions/:id", sessionPage),
  ...sessionActions.map(sessionActionRoute),
  pageRoute("/dashboard/costs", costsPage),
  pageRoute("/dashboard/metrics", metricsPage),
  ...signInRoutes,
  { method: "GET", path: "/dashboard/assets/:name", handler: handleAsset },
];
