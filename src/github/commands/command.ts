// What every `/drover` command gets to work with, and what it is: a name, a usage line, and a run that answers.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import type { Session } from "../../core/session.js";
import type { AppContext } from "../../server/app-context.js";
import type { GitHubApp } from "../github-app.js";
import type { GitHubClient } from "../github-client.js";
import type { LoadedConfig } from "../repo-configs.js";
import type { ParsedCommand } from "./parse-command.js";

export interface CommandContext {
  app: AppContext;
  github: GitHubApp;
  client: GitHubClient;
  repo: string;
  /** The issue or PR the comment is on. */
  issue: EmitterWebhookEvent<"issue_comment.created">["payload"]["issue"];
  isPullRequest: boolean;
  /** Login of the person (or allowed bot) who commented. */
  by: string;
  /** The newest session of this issue, or the session following this PR. */
  session: Session | undefined;
  loaded: LoadedConfig;
  deliveryId: string;
  eventId(suffix?: string): string;
}

export interface Command {
  name: string;
  /** `/drover send <message>` */
  usage: string;
  summary: string;
  /** Does the work and returns the reply (Markdown). */
  run(ctx: CommandContext, command: ParsedCommand): Promise<string>;
}

export const noSession = (ctx: CommandContext) =>
  `There is no Drover session for this ${ctx.isPullRequest ? "pull request" : "issue"}. ` +
  `Label an issue \`${ctx.loaded.config.labels.spawn}\` or comment \`/drover spawn\` on it to start one.`;
