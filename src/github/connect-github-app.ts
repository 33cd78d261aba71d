// Builds the GitHub App for an app context: Probot with the app's credentials (and the Enterprise Server API
// when GHE_HOST is set), the GitHub port of the effect executor, the repo config reader, and the webhook
// middleware the route hands requests to.
import { createNodeMiddleware, Probot, type ProbotOctokit } from "probot";
import type { AppContext } from "../server/app-context.js";
import { githubEffects } from "./effects/github-effects.js";
import { attachGitHubApp, type GitHubApp } from "./github-app.js";
import type { GitHubEnv } from "./github-env.js";
import { createInstallations } from "./installations.js";
import { createRepoConfigs } from "./repo-configs.js";
import { createRepoFactsCache } from "./repo-facts.js";
import { createStickyComments } from "./status/sticky-comments.js";
import { webhookHandlers } from "./webhooks/webhook-handlers.js";

export const webhookPath = "/api/github/webhooks";

export interface ConnectOptions {
  /** The Octokit class Probot builds clients from (tests turn its retries and throttling off). */
  Octokit?: typeof ProbotOctokit;
}

export function connectGitHubApp(app: AppContext, env: GitHubEnv, options: ConnectOptions = {}): GitHubApp {
  const probot = new Probot({
    appId: env.appId,
    privateKey: env.privateKey,
    secret: env.webhookSecret,
    baseUrl: env.baseUrl,
    log: app.log.child({ name: "github" }),
    ...(options.Octokit ? { Octokit: options.Octokit } : {}),
  });
  const installations = createInstallations(probot);
  const github: GitHubApp = {
    appId: env.appId,
    probot,
    installations,
    configs: createRepoConfigs(installations, app.log, () => app.now()),
    repos: createRepoFactsCache(installations, () => app.now()),
    sticky: createStickyComments(app, env.appId),
    middleware: Promise.resolve().then(() =>
      createNodeMiddleware(webhookHandlers(app, github), { probot, webhooksPath: webhookPath }),
    ),
  };
  // Surfaces a broken setup in the log at start; the webhook route reports it on each request.
  github.middleware.catch((error) => app.log.error({ err: error }, "the GitHub App could not start"));
  app.ports.github = githubEffects(app, github);
  app.repoConfig = (repo) => github.configs.get(repo);
  attachGitHubApp(app, github);
  return github;
}
