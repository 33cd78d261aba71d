// The Slack routes: one handler for both URLs, since Bolt tells interactions and commands apart.
import type { Route } from "../server/router.js";
import { handleSlackRequest } from "./handle-slack-request.js";

export const slackRoutes: Route[] = [
  { method: "POST", path: "/api/slack/actions", handler: handleSlackRequest },
  { method: "POST", path: "/api/slack/commands", handler: handleSlackRequest },
];
