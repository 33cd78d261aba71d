// Whether the person (or bot) behind a label or command may make Drover act: people need write access (GitHub
// is asked), bots are ignored unless the repo config allows them.
import type { RepoConfig } from "../../config/repo-config.js";
import { canAct } from "../../sessions/ports.js";
import type { GitHubClient } from "../github-client.js";
import { permissionLevel } from "../permission-level.js";

export interface Actor {
  login: string;
  type?: string;
}

export type Verdict = "allowed" | "refused" | "ignored";

export function isBot(actor: Actor): boolean {
  return actor.type === "Bot" || actor.login.endsWith("[bot]");
}

export async function mayAct(
  client: GitHubClient,
  repo: string,
  config: RepoConfig,
  actor: Actor,
): Promise<Verdict> {
  if (isBot(actor)) {
    const allowed = config.allowedBots.some((bot) => bot === actor.login || `${bot}[bot]` === actor.login);
    return allowed ? "allowed" : "ignored";
  }
  return canAct(await permissionLevel(client, repo, actor.login)) ? "allowed" : "refused";
}

export function refusal(login: string, repo: string): string {
  return `@${login} only people with write access to ${repo} can make Drover act.`;
}
