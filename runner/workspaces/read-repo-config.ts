// The repo's `.github/drover.yml` as of the commit a new workspace starts from (defaults when it has none); a
// broken file stops the spawn with the problems it has, rather than running the agent with guessed settings.
import { defaultRepoConfig, parseRepoConfigText, type RepoConfig } from "../../src/config/repo-config.js";
import { GitError, git } from "./git.js";

export const repoConfigPath = ".github/drover.yml";

export async function readRepoConfig(repoPath: string, ref: string): Promise<RepoConfig> {
  let text: string;
  try {
    text = await git(repoPath, ["show", `${ref}:${repoConfigPath}`]);
  } catch (error) {
    if (
      error instanceof GitError &&
      /does not exist|exists on disk, but not in|bad revision|invalid object/.test(error.stderr)
    )
      return defaultRepoConfig;
    throw error;
  }
  return parseRepoConfigText(text, `${repoConfigPath} of ${repoPath} at ${ref}`);
}
