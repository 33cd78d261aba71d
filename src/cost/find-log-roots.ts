// Decides which directories hold agent logs: CLAUDE_CONFIG_DIR / CODEX_HOME when set, else the defaults.
import { statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { ConfigDirError } from "./errors.js";

type Env = Record<string, string | undefined>;

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

const expandHome = (path: string, home: string) =>
  path === "~" ? home : path.startsWith("~/") ? join(home, path.slice(2)) : path;

/**
 * Claude config directories that contain `projects/`. CLAUDE_CONFIG_DIR may list several, comma-separated,
 * each a config directory or its `projects/` folder; when it is set and none is valid that is an error
 * (a typo would otherwise report $0). Unset: `$XDG_CONFIG_HOME/claude` (default ~/.config/claude) and ~/.claude.
 */
export function findClaudeRoots(env: Env = process.env, home = homedir()): string[] {
  const roots: string[] = [];
  const add = (path: string) => {
    if (isDirectory(join(path, "projects")) && !roots.includes(path)) roots.push(path);
  };
  const configured = env.CLAUDE_CONFIG_DIR;
  if (configured !== undefined) {
    for (const raw of configured.split(",").map((s) => s.trim())) {
      if (raw === "") continue;
      let path = resolve(expandHome(raw, home));
      if (basename(path) === "projects" && isDirectory(path)) path = dirname(path);
      add(path);
    }
    if (roots.length === 0) {
      throw new ConfigDirError(
        "CLAUDE_CONFIG_DIR",
        configured,
        "a Claude config directory containing projects/ (or a projects/ directory itself)",
      );
    }
    return roots;
  }
  add(join(env.XDG_CONFIG_HOME || join(home, ".config"), "claude"));
  add(join(home, ".claude"));
  return roots;
}

/** One directory of Codex rollouts, and the name reports give its files' folders. */
export interface CodexSessionDir {
  dir: string;
  /** `sessions` and `archived_sessions` are read together; the live copy of a file wins over the archive. */
  kind: "sessions" | "archived" | "plain";
}

/**
 * Codex homes from CODEX_HOME (comma-separated, default ~/.codex): each contributes `sessions/` and
 * `archived_sessions/`; an entry with neither is read as a folder of JSONL files (saved `codex exec --json`).
 */
export function findCodexSessionDirs(env: Env = process.env, home = homedir()): CodexSessionDir[] {
  const configured = env.CODEX_HOME?.trim() ? env.CODEX_HOME : join(home, ".codex");
  const dirs: CodexSessionDir[] = [];
  for (const raw of configured.split(",").map((s) => s.trim())) {
    if (raw === "") continue;
    const root = resolve(expandHome(raw, home));
    const sessions = join(root, "sessions");
    const archived = join(root, "archived_sessions");
    const found: CodexSessionDir[] = [];
    if (isDirectory(sessions)) found.push({ dir: sessions, kind: "sessions" });
    if (isDirectory(archived)) found.push({ dir: archived, kind: "archived" });
    if (found.length === 0 && isDirectory(root) && env.CODEX_HOME?.trim())
      found.push({ dir: root, kind: "plain" });
    for (const entry of found) if (!dirs.some((d) => d.dir === entry.dir)) dirs.push(entry);
  }
  return dirs;
}
