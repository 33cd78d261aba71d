// Where an agent works: a git worktree of the local checkout (the default) or a separate clone, on the
// session's branch. Re-created workspaces (a respawn) are found and reused, never made twice.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../../src/shared/logger.js";
import { safeName } from "../config/paths.js";
import { git, gitSucceeds } from "./git.js";

export type WorkspaceKind = "worktree" | "clone";

export interface WorkspaceSpec {
  kind: WorkspaceKind;
  repo: string;
  repoPath: string;
  branch: string;
  /** The commit a new branch starts from. */
  base: string;
  /** The folder workspaces are made in. */
  root: string;
}

export interface Workspace {
  path: string;
  /** False when it existed already (a respawn): post-create commands are not run again. */
  created: boolean;
}

export function workspacePath(root: string, repo: string, branch: string): string {
  return join(root, safeName(repo.replace("/", "--")), safeName(branch.replace(/^drover\//, "")));
}

export async function createWorkspace(spec: WorkspaceSpec, log: Logger): Promise<Workspace> {
  const path = workspacePath(spec.root, spec.repo, spec.branch);
  if (existsSync(join(path, ".git"))) {
    log.info({ path }, "reusing the existing workspace");
    return { path, created: false };
  }
  mkdirSync(spec.root, { recursive: true, mode: 0o700 });
  if (spec.kind === "worktree") await addWorktree(spec, path);
  else await cloneRepo(spec, path);
  return { path, created: true };
}

async function addWorktree(spec: WorkspaceSpec, path: string): Promise<void> {
  // A worktree folder deleted by hand still blocks its branch until pruned.
  await git(spec.repoPath, ["worktree", "prune"]);
  const exists = await gitSucceeds(spec.repoPath, [
    "rev-parse",
    "--verify",
    "--quiet",
    `refs/heads/${spec.branch}`,
  ]);
  try {
    await git(
      spec.repoPath,
      exists
        ? ["worktree", "add", "--quiet", path, spec.branch]
        : ["worktree", "add", "--quiet", "-b", spec.branch, path, spec.base],
    );
  } catch (error) {
    // Another worktree of this checkout has the branch: a runner that shares the checkout and died, or one of the
    // user's. Two worktrees on one branch would each see the other's commits as changes undone, so it stays theirs.
    const holder = /already (?:checked out|used by worktree) at '([^']+)'/.exec(
      (error as Error).message,
    )?.[1];
    if (!holder) throw error;
    throw new Error(
      `branch ${spec.branch} is checked out in another worktree of ${spec.repoPath}, at ${holder}; remove that ` +
        `worktree (git -C ${spec.repoPath} worktree remove ${holder}) if nothing works there any more, then ` +
        "spawn again. Runners that share one checkout meet this when one of them dies mid-session; give each " +
        "runner a checkout of its own.",
    );
  }
}

async function cloneRepo(spec: WorkspaceSpec, path: string): Promise<void> {
  await git(spec.root, ["clone", "--quiet", spec.repoPath, path], { timeoutMs: 600_000 });
  const exists = await gitSucceeds(path, [
    "rev-parse",
    "--verify",
    "--quiet",
    `refs/remotes/origin/${spec.branch}`,
  ]);
  await git(
    path,
    exists
      ? ["checkout", "--quiet", "-B", spec.branch, `origin/${spec.branch}`]
      : ["checkout", "--quiet", "-b", spec.branch],
  );
  // Pushes go where the user's checkout pushes (GitHub), not back into the local checkout.
  const upstream = await git(spec.repoPath, ["remote", "get-url", "origin"]).catch(() => "");
  if (upstream.trim()) await git(path, ["remote", "set-url", "origin", upstream.trim()]);
}

/** Removes the workspace; with `deleteBranch`, the local branch too (after a merge, or a wipe that asked). */
export async function removeWorkspace(
  kind: WorkspaceKind,
  repoPath: string,
  path: string,
  branch: string,
  options: { deleteBranch: boolean },
): Promise<void> {
  if (kind === "worktree") {
    if (existsSync(path)) await git(repoPath, ["worktree", "remove", "--force", path]);
    await git(repoPath, ["worktree", "prune"]);
    if (
      options.deleteBranch &&
      (await gitSucceeds(repoPath, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}`]))
    )
      await git(repoPath, ["branch", "-D", branch]);
  } else {
    rmSync(path, { recursive: true, force: true });
  }
}
