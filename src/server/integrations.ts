// Connects the integrations the environment configures (GitHub, notifiers, Linear…) to the app's ports.
// Each integration is one entry: it looks at app.env / process.env and fills the ports it provides.
import type { AppContext } from "./app-context.js";

export interface Integration {
  name: string;
  /** Fills `app.ports` when the integration is configured; throws InvalidInputError naming a bad variable. */
  connect(app: AppContext, env: NodeJS.ProcessEnv): void;
}

export const integrations: Integration[] = [];

export function connectIntegrations(app: AppContext, env: NodeJS.ProcessEnv = process.env): AppContext {
  for (const integration of integrations) integration.connect(app, env);
  return app;
}
