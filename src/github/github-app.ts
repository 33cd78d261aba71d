// The GitHub App as the rest of src/github sees it: Probot, and the caches every handler and effect shares.
// One per app context (a warm serverless instance keeps it); looked up from the context by the webhook route.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import type { AppContext } from "../server/app-context.js";
import type { Installations } from "./installations.js";
import type { RepoConfigs } from "./repo-configs.js";
import type { RepoFactsCache } from "./repo-facts.js";
import type { StickyComments } from "./status/sticky-comments.js";

export type WebhookMiddleware = (req: IncomingMessage, res: ServerResponse) => Promise<unknown> | unknown;

export interface GitHubApp {
  readonly appId: number;
  readonly probot: Probot;
  readonly installations: Installations;
  readonly configs: RepoConfigs;
  readonly repos: RepoFactsCache;
  readonly sticky: StickyComments;
  /** Probot's middleware for POST /api/github/webhooks (verifies the signature, then runs the handlers). */
  readonly middleware: Promise<WebhookMiddleware>;
}

const apps = new WeakMap<AppContext, GitHubApp>();

export function attachGitHubApp(app: AppContext, github: GitHubApp): void {
  apps.set(app, github);
}

export function githubAppOf(app: AppContext): GitHubApp | undefined {
  return apps.get(app);
}
