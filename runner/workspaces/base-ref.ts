// What a new branch starts from: the remote's default branch, fetched first when there is a remote, else the
// checkout's current commit.
import type { Logger } from "../../src/shared/logger.js";
import { git, gitSucceeds } from "./git.js";

export async function baseRef(repoPath: string, log: Logger): Promise<string> {
  const remotes = (await git(repoPath, ["remote"])).split("\n").map((r) => r.trim());
  if (!remotes.includes("origin")) return "HEAD";
  try {
    await git(repoPath, ["fetch", "--quiet", "origin"], { timeoutMs: 120_000 });
  } catch (error) {
    log.warn(
      { repoPath, err: (error as Error).message },
      "git fetch failed; starting from what the checkout has",
    );
  }
  if (await gitSucceeds(repoPath, ["rev-parse", "--verify", "--quiet", "refs/remotes/origin/HEAD"]))
    return "origin/HEAD";
  return "HEAD";
}
