// Workspaces on real git: a worktree or a clone on the session's branch (reused on a respawn), the repo's config
// read from the commit the branch starts from, runner files kept out of commits, and removal with the branch.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { excludeFromGit } from "../../../runner/workspaces/exclude-from-git.js";
import { readRepoConfig } from "../../../runner/workspaces/read-repo-config.js";
import { createWorkspace, removeWorkspace } from "../../../runner/workspaces/workspace.js";
import { createLogger } from "../../../src/shared/logger.js";
import { gitIdentity, gitRepo } from "../support/runner-stack.js";

const log = createLogger("silent");
let root: string;
let repo: string;
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-C", cwd, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...gitIdentity },
  }).trim();

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "drover-workspace-")));
  repo = join(root, "repo");
  gitRepo(repo, "workspace:\n  kind: clone\n  postCreate: [npm ci]\n");
  git(repo, "remote", "add", "origin", "https://github.com/acme/demo.git");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("workspaces", () => {
  it("makes a worktree on a new branch, finds it again, and removes it with its branch", async () => {
    const spec = {
      kind: "worktree" as const,
      repo: "acme/demo",
      repoPath: repo,
      branch: "drover/7-fix-it",
      base: "HEAD",
      root: join(root, "ws"),
    };
    const first = await createWorkspace(spec, log);
    expect(first).toEqual({ path: join(root, "ws", "acme--demo", "7-fix-it"), created: true });
    expect(git(first.path, "rev-parse", "--abbrev-ref", "HEAD")).toBe("drover/7-fix-it");
    expect(await createWorkspace(spec, log)).toEqual({ path: first.path, created: false });
    await removeWorkspace("worktree", repo, first.path, spec.branch, { deleteBranch: true });
    expect(existsSync(first.path)).toBe(false);
    expect(git(repo, "branch", "--list", "drover/*")).toBe("");
  });

  it("reuses an existing branch (a respawn after the worktree folder was deleted by hand)", async () => {
    git(repo, "branch", "drover/8-again");
    const ws = await createWorkspace(
      {
        kind: "worktree",
        repo: "acme/demo",
        repoPath: repo,
        branch: "drover/8-again",
        base: "HEAD",
        root: join(root, "ws"),
      },
      log,
    );
    rmSync(ws.path, { recursive: true, force: true });
    const again = await createWorkspace(
      {
        kind: "worktree",
        repo: "acme/demo",
        repoPath: repo,
        branch: "drover/8-again",
        base: "HEAD",
        root: join(root, "ws"),
      },
      log,
    );
    expect(again.created).toBe(true);
    expect(git(again.path, "rev-parse", "--abbrev-ref", "HEAD")).toBe("drover/8-again");
  });

  it("says which worktree holds the branch when another one of this checkout has it, and leaves it alone", async () => {
    const spec = {
      kind: "worktree" as const,
      repo: "acme/demo",
      repoPath: repo,
      branch: "drover/9-shared",
      base: "HEAD",
      root: join(root, "first-runner"),
    };
    const held = await createWorkspace(spec, log);
    writeFileSync(join(held.path, "work.txt"), "not committed yet\n");
    await expect(createWorkspace({ ...spec, root: join(root, "second-runner") }, log)).rejects.toThrow(
      `branch drover/9-shared is checked out in another worktree of ${repo}, at ${held.path}; remove that worktree (git -C ${repo} worktree remove ${held.path})`,
    );
    expect(git(held.path, "status", "--porcelain")).toBe("?? work.txt");
    expect(existsSync(join(root, "second-runner", "acme--demo", "9-shared"))).toBe(false);
  });

  it("makes a clone that pushes where the checkout pushes", async () => {
    const ws = await createWorkspace(
      {
        kind: "clone",
        repo: "acme/demo",
        repoPath: repo,
        branch: "drover/9-clone",
        base: "HEAD",
        root: join(root, "ws"),
      },
      log,
    );
    expect(git(ws.path, "rev-parse", "--abbrev-ref", "HEAD")).toBe("drover/9-clone");
    expect(git(ws.path, "remote", "get-url", "origin")).toBe("https://github.com/acme/demo.git");
    await removeWorkspace("clone", repo, ws.path, "drover/9-clone", { deleteBranch: true });
    expect(existsSync(ws.path)).toBe(false);
  });

  it("keeps the runner's files out of an agent's `git add -A`", async () => {
    const ws = await createWorkspace(
      {
        kind: "worktree",
        repo: "acme/demo",
        repoPath: repo,
        branch: "drover/10-x",
        base: "HEAD",
        root: join(root, "ws"),
      },
      log,
    );
    writeFileSync(join(ws.path, "AGENTS.md"), "note");
    writeFileSync(join(ws.path, "work.txt"), "work");
    await excludeFromGit(ws.path, ["AGENTS.md"]);
    await excludeFromGit(ws.path, ["AGENTS.md"]);
    git(ws.path, "add", "-A");
    expect(git(ws.path, "diff", "--cached", "--name-only")).toBe("work.txt");
    const exclude = join(repo, ".git", "info", "exclude");
    expect(execFileSync("grep", ["-c", "^/AGENTS.md$", exclude], { encoding: "utf8" }).trim()).toBe("1");
  });

  it("reads the repo's config from the base commit, and names what is wrong in a broken one", async () => {
    const config = await readRepoConfig(repo, "HEAD");
    expect(config.workspace).toEqual({ kind: "clone", postCreate: ["npm ci"], symlinks: [] });
    writeFileSync(join(repo, ".github", "drover.yml"), "runtime: docker\n");
    git(repo, "commit", "-qam", "broken");
    await expect(readRepoConfig(repo, "HEAD")).rejects.toThrow(/runtime: .*"tmux"/);
    git(repo, "rm", "-q", ".github/drover.yml");
    git(repo, "commit", "-qm", "none");
    expect((await readRepoConfig(repo, "HEAD")).agent.name).toBe("claude-code");
  });
});
