// Connects Linear when the environment configures it (LINEAR_API_KEY, LINEAR_WEBHOOK_SECRET, DROVER_LINEAR_TEAMS):
// issues then flow in through the webhook and Linear issues follow their sessions through app.ports.linear.
import type { Integration } from "../server/integrations.js";
import { connectLinear } from "./linear-connection.js";
import { parseLinearEnv } from "./linear-env.js";

export const linearIntegration: Integration = {
  name: "linear",
  connect(app, env) {
    const settings = parseLinearEnv(env);
    if (settings) connectLinear(app, settings);
  },
};
