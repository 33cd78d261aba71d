// Vercel function: POST /api/slack/commands (the Request URL of the /drover slash command).

import { vercelFunction } from "../../src/server/vercel.js";
import { handleSlackRequest } from "../../src/slack/handle-slack-request.js";

export default vercelFunction({ method: "POST", path: "/api/slack/commands", handler: handleSlackRequest });
