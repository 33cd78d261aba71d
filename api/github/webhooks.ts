// Vercel function: POST /api/github/webhooks. Probot needs the raw body to check the signature, so the project
// sets NODEJS_HELPERS=0 (docs/github-app.md).
import { handleGitHubWebhook } from "../../src/github/handle-github-webhook.js";
import { vercelFunction } from "../../src/server/vercel.js";

export default vercelFunction({ method: "POST", path: "/api/github/webhooks", handler: handleGitHubWebhook });
