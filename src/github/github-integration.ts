// The GitHub App as an integration of `drover serve` and the Vercel functions: connected when APP_ID,
// PRIVATE_KEY and WEBHOOK_SECRET are set.
import type { Integration } from "../server/integrations.js";
import { connectGitHubApp } from "./connect-github-app.js";
import { parseGitHubEnv } from "./github-env.js";

export const githubIntegration: Integration = {
  name: "github",
  connect(app, env) {
    const settings = parseGitHubEnv(env);
    if (settings) connectGitHubApp(app, settings);
  },
};
