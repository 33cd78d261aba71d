// Files the runner puts into a workspace (hook settings, its notes for the agent) must never be committed by an
// agent's `git add -A`: untracked ones go into the workspace's info/exclude (in a linked worktree `.git` is a
// file, so its path comes from git), and a tracked file the runner appends to is marked skip-worktree.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { git, gitSucceeds } from "./git.js";

export async function excludeFromGit(workspace: string, paths: string[]): Promise<void> {
  const exclude = resolve(
    workspace,
    (await git(workspace, ["rev-parse", "--git-path", "info/exclude"])).trim(),
  );
  mkdirSync(dirname(exclude), { recursive: true });
  const present = new Set(existsSync(exclude) ? readFileSync(exclude, "utf8").split("\n") : []);
  const lines = paths.map((p) => `/${p.replace(/^\/+/, "")}`).filter((line) => !present.has(line));
  if (lines.length > 0)
    appendFileSync(exclude, `${present.size > 0 ? "\n" : ""}# drover runner\n${lines.join("\n")}\n`);
}

export function isTracked(workspace: string, path: string): Promise<boolean> {
  return gitSucceeds(workspace, ["ls-files", "--error-unmatch", "--", path]);
}

/** A tracked file the runner changed locally stays out of every commit. */
export async function hideLocalChanges(workspace: string, path: string): Promise<void> {
  await git(workspace, ["update-index", "--skip-worktree", "--", path]);
}
