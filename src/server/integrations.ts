// Connects the integrations the environment configures (GitHub, notifiers, Linear…) to the app's ports.
// Each integration is one entry: it looks at app.env / process.env and fills the ports it provides.
import { dashboardIntegration } from "../dashboard/dashboard-integration.js";
import { githubIntegration } from "../github/github-integration.js";
import { linearIntegration } from "../linear/linear-integration.js";
import { notificationsIntegration } from "../notify/notifications-integration.js";
import type { AppContext } from "./app-context.js";

export interface Integration {
  name: string;
  /** Fills `app.ports` when the integration is configured; throws InvalidInputError naming a bad variable. */
  connect(app: AppContext, env: NodeJS.ProcessEnv): void;
}

// GitHub first: the others use its port (permissions, PR comments).
export const integrations: Integration[] = [
  githubIntegration,
  dashboardIntegration,
  linearIntegration,
  notificationsIntegration,
];

export function connectIntegrations(app: AppContext, env: NodeJS.ProcessEnv = process.env): AppContext {
  for (const integration of integrations) integration.connect(app, env);
  return app;
}
