// Whether a Slack user may act on a session: mapped to a GitHub login (DROVER_SLACK_USERS) that has write
// access to the session's repo, as GitHub says now. The refusal says why, for that user only.
import type { AppContext } from "../server/app-context.js";
import { canAct, type GitHubPermission } from "../sessions/ports.js";
import type { SlackUsers } from "./slack-users.js";

export type Authorization = { login: string } | { refusal: string };

export function notMapped(slackUserId: string): string {
  return (
    "Your Slack account is not linked to a GitHub login, so Drover cannot check your access. " +
    `Ask whoever runs Drover to add \`${slackUserId}=<your GitHub login>\` to DROVER_SLACK_USERS.`
  );
}

export async function authorizeSlackUser(
  app: AppContext,
  users: SlackUsers,
  slackUserId: string,
  repo: string,
  need: "write" | "read" = "write",
): Promise<Authorization> {
  const login = users.get(slackUserId);
  if (!login) return { refusal: notMapped(slackUserId) };
  const github = app.ports.github;
  if (!github)
    return { refusal: `Drover has no GitHub App configured, so it cannot check your access to ${repo}.` };
  let permission: GitHubPermission;
  try {
    permission = await github.permission(repo, login);
  } catch (error) {
    app.log.warn({ err: error, repo, login }, "could not read a GitHub permission for a Slack user");
    return { refusal: `Drover could not check @${login}'s access to ${repo} on GitHub just now; try again.` };
  }
  const allowed = need === "write" ? canAct(permission) : permission !== "none";
  if (!allowed)
    return {
      refusal: `@${login} has ${permission === "none" ? "no" : permission} access to ${repo}; this needs ${need} access.`,
    };
  return { login };
}
