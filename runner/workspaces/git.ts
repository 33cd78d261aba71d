// git as the runner calls it: never prompting for credentials (nobody is there to answer), with a time limit,
// and errors that say which command failed and what git printed.
import { execFile } from "node:child_process";

export class GitError extends Error {
  constructor(
    message: string,
    readonly args: string[],
    readonly stderr: string,
  ) {
    super(message);
    this.name = "GitError";
  }
}

export function git(cwd: string, args: string[], options: { timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      args,
      {
        cwd,
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "" },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === "ENOENT" ? "git is not installed" : stderr.trim() || error.message;
        reject(new GitError(`git ${args.join(" ")} (in ${cwd}) failed: ${why}`, args, stderr));
      },
    );
  });
}

/** true/false for `git … --verify --quiet`-style questions; other failures still throw. */
export async function gitSucceeds(cwd: string, args: string[]): Promise<boolean> {
  try {
    await git(cwd, args);
    return true;
  } catch (error) {
    if (error instanceof GitError && !/not a git repository|is not installed/.test(error.message))
      return false;
    throw error;
  }
}
