// Makes a new workspace ready for its agent, as the repo's config asks: links to files of the main checkout
// (.env and the like) and the post-create commands (install dependencies…), run once when it is created.
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, lstatSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import type { RepoConfig } from "../../src/config/repo-config.js";
import type { Logger } from "../../src/shared/logger.js";
import { excludeFromGit } from "./exclude-from-git.js";

export class PostCreateError extends Error {
  constructor(
    readonly command: string,
    readonly code: number | null,
    readonly output: string,
  ) {
    super(
      `post-create command \`${command}\` failed (${code === null ? "killed" : `exit ${code}`}): ${output.trim().split("\n").slice(-5).join(" / ")}`,
    );
    this.name = "PostCreateError";
  }
}

const postCreateTimeoutMs = 30 * 60_000;

export async function linkFromCheckout(
  repoPath: string,
  workspace: string,
  paths: RepoConfig["workspace"]["symlinks"],
  log: Logger,
): Promise<void> {
  const linked: string[] = [];
  for (const rel of paths) {
    const source = join(repoPath, rel);
    const target = join(workspace, rel);
    if (!existsSync(source)) {
      log.warn({ path: rel }, "symlink source is missing in the checkout; skipped");
      continue;
    }
    if (existsSync(target) || isLink(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(source, target);
    linked.push(rel);
  }
  if (linked.length > 0) await excludeFromGit(workspace, linked);
}

export async function runPostCreate(
  workspace: string,
  commands: RepoConfig["workspace"]["postCreate"],
  logFile: string,
  env: Record<string, string>,
): Promise<void> {
  for (const command of commands) {
    appendFileSync(logFile, `$ ${command}\n`);
    const { code, output } = await runShell(command, workspace, env);
    appendFileSync(logFile, output);
    if (code !== 0) throw new PostCreateError(command, code, output);
  }
}

function runShell(
  command: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-64 * 1024);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => child.kill("SIGKILL"), postCreateTimeoutMs);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
