// Where the runner keeps its links file: the runner's data directory (no schema here, so it loads cheaply).
import { homedir } from "node:os";
import { join } from "node:path";

/** The runner's data directory: DROVER_DATA_DIR, else `$XDG_DATA_HOME/drover` (default ~/.local/share/drover). */
export function runnerDataDir(
  env: Record<string, string | undefined> = process.env,
  home = homedir(),
): string {
  if (env.DROVER_DATA_DIR) return env.DROVER_DATA_DIR;
  return join(env.XDG_DATA_HOME || join(home, ".local", "share"), "drover");
}

export const defaultLinksPath = (env: Record<string, string | undefined> = process.env) =>
  join(runnerDataDir(env), "links.json");
