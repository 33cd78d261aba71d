// The files a convoy reviews: the repository's files matching the globs, as git sees them (tracked, plus new
// files that are not ignored), so build output and node_modules stay out without a list of our own.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { InvalidInputError } from "../config/format-issues.js";

const run = promisify(execFile);

export async function listFiles(cwd: string, globs: readonly string[]): Promise<string[]> {
  // `:(glob)` pathspec magic: `*` stays within a folder and `**` crosses folders, as in .gitignore.
  const pathspecs = globs.map((g) => `:(glob)${g.replace(/^\.\//, "")}`);
  let stdout: string;
  try {
    ({ stdout } = await run(
      "git",
      ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", ...pathspecs],
      { cwd, maxBuffer: 64 * 1024 * 1024 },
    ));
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim() ?? (error as Error).message;
    throw new InvalidInputError("--files", `${globs.join(" ")}: git cannot list files in ${cwd}: ${stderr}`);
  }
  return [...new Set(stdout.split("\0").filter(Boolean))].sort();
}
