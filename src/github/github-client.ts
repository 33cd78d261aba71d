// The authenticated Octokit a GitHub App installation gets from Probot, and small helpers for its errors.
import type { Probot } from "probot";

export type GitHubClient = Awaited<ReturnType<Probot["auth"]>>;

/** "owner/name" → the parameters every repo endpoint takes. */
export function repoParams(repo: string): { owner: string; repo: string } {
  const slash = repo.indexOf("/");
  return { owner: repo.slice(0, slash), repo: repo.slice(slash + 1) };
}

/** The HTTP status of an Octokit RequestError, or undefined for anything else (network, bugs). */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}
