// POST /api/github/webhooks: hands the raw request to Probot, which checks the signature before anything runs
// (a bad one gets 400 and touches nothing) and answers once the handlers are done; what they deferred runs on.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppContext } from "../server/app-context.js";
import { HttpError } from "../server/http.js";
import { githubAppOf } from "./github-app.js";

const maxPayloadBytes = 25 * 1024 * 1024;

export async function handleGitHubWebhook(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const github = githubAppOf(app);
  if (!github)
    throw new HttpError(
      503,
      "The GitHub App is not configured here: set APP_ID, PRIVATE_KEY and WEBHOOK_SECRET (docs/github-app.md).",
    );
  // GitHub caps payloads at 25 MB; anything larger is not from GitHub and is not read into memory.
  if (Number(req.headers["content-length"]) > maxPayloadBytes)
    throw new HttpError(413, `Body too large: GitHub webhook payloads are at most ${maxPayloadBytes} bytes.`);
  const middleware = await github.middleware;
  // What the handlers deferred runs on after the response; on Vercel, app.defer hands it to waitUntil.
  await middleware(req, res);
}
