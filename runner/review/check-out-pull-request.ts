// A pull request's head in a worktree of its own, made from the runner's checkout: fetched from origin as
// GitHub publishes it (`refs/pull/<n>/head`, forks included) into a ref of Drover's, checked out detached, with
// the files it changes against the default branch, and without the agent settings it may bring. remove() takes
// the worktree and the ref away again.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../../src/shared/logger.js";
import { JobError } from "../daemon/daemon-context.js";
import { baseRef } from "../workspaces/base-ref.js";
import { git } from "../workspaces/git.js";

/** What Claude Code reads from the folder it works in and would act on: left out of a review's worktree. */
const agentConfig = [".claude", ".mcp.json"];

export interface PullRequestCheckout {
  path: string;
  /** The commit checked out: what the reviewers read. */
  headSha: string;
  /** Files the pull request adds or changes (not those it deletes), from the repository root. */
  files: string[];
  remove(): Promise<void>;
}

export async function checkOutPullRequest(options: {
  repoPath: string;
  pr: number;
  /** Where the worktree goes; it must not exist yet. */
  dir: string;
  /** The ref the head is fetched into, unique to this review. */
  ref: string;
  log: Logger;
}): Promise<PullRequestCheckout> {
  const { repoPath, pr, dir, ref, log } = options;
  const remotes = (await git(repoPath, ["remote"])).split("\n").map((r) => r.trim());
  if (!remotes.includes("origin"))
    throw new JobError(
      `the checkout ${repoPath} has no remote named origin to fetch pull request #${pr} from`,
    );
  const base = await baseRef(repoPath, log);
  try {
    await git(repoPath, ["fetch", "--no-tags", "--quiet", "origin", `+refs/pull/${pr}/head:${ref}`], {
      timeoutMs: 300_000,
    });
  } catch (error) {
    throw new JobError(`git could not fetch pull request #${pr} from origin: ${(error as Error).message}`);
  }
  const remove = () => removeReviewWorktree(repoPath, dir, ref);
  try {
    const headSha = (await git(repoPath, ["rev-parse", "--verify", `${ref}^{commit}`])).trim();
    // Unrelated histories have no merge base: then every file of the head is the pull request's.
    const mergeBase = await git(repoPath, ["merge-base", base, headSha]).then(
      (out) => out.trim(),
      () => undefined,
    );
    const listed = mergeBase
      ? await git(repoPath, ["diff", "--name-only", "-z", "--diff-filter=d", mergeBase, headSha])
      : await git(repoPath, ["ls-tree", "-r", "-z", "--name-only", headSha]);
    const files = [...new Set(listed.split("\0").filter(Boolean))]
      .filter((file) => !agentConfig.some((config) => file === config || file.startsWith(`${config}/`)))
      .sort();
    await git(repoPath, ["worktree", "add", "--detach", "--quiet", dir, headSha]);
    // The agents run here with this machine's credentials: settings a pull request brings (hooks, MCP servers
    // are commands) must not reach them.
    await Promise.all(agentConfig.map((config) => rm(join(dir, config), { recursive: true, force: true })));
    return { path: dir, headSha, files, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** Takes a review's worktree and ref away; whatever is already gone is fine. */
export async function removeReviewWorktree(repoPath: string, dir: string, ref: string): Promise<void> {
  await git(repoPath, ["worktree", "remove", "--force", dir]).catch(() =>
    rm(dir, { recursive: true, force: true }),
  );
  await git(repoPath, ["worktree", "prune"]).catch(() => undefined);
  await git(repoPath, ["update-ref", "-d", ref]).catch(() => undefined);
}
