// Connects the dashboard at start: validates its environment so a bad variable stops the app with its name.
import type { Integration } from "../server/integrations.js";
import { parseDashboardEnv } from "./dashboard-env.js";
import { configureDashboard } from "./dashboard-settings.js";

export const dashboardIntegration: Integration = {
  name: "dashboard",
  connect(app, env) {
    configureDashboard(app, parseDashboardEnv(env));
  },
};
