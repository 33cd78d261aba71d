// Vercel function: POST /api/slack/actions (Slack's Interactivity Request URL: buttons and modals).

import { vercelFunction } from "../../src/server/vercel.js";
import { handleSlackRequest } from "../../src/slack/handle-slack-request.js";

export default vercelFunction({ method: "POST", path: "/api/slack/actions", handler: handleSlackRequest });
