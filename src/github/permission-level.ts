// A person's permission on a repo as GitHub reports it, and whether it lets them make Drover act.
import type { GitHubPermission } from "../sessions/ports.js";
import { type GitHubClient, httpStatus, repoParams } from "./github-client.js";

const roles: readonly GitHubPermission[] = ["admin", "maintain", "write", "triage", "read", "none"];

export async function permissionLevel(
  client: GitHubClient,
  repo: string,
  login: string,
): Promise<GitHubPermission> {
  try {
    const { data } = await client.rest.repos.getCollaboratorPermissionLevel({
      ...repoParams(repo),
      username: login,
    });
    // role_name distinguishes maintain and triage, which `permission` folds into write and read.
    const role = data.role_name as GitHubPermission;
    if (roles.includes(role)) return role;
    return roles.includes(data.permission as GitHubPermission)
      ? (data.permission as GitHubPermission)
      : "none";
  } catch (error) {
    if (httpStatus(error) === 404) return "none";
    throw error;
  }
}
