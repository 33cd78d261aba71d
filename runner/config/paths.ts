// Where the runner keeps its files: its config (with the token) in the user's config folder, everything it
// makes (state, event buffer, workspaces, socket) in the data folder, the same one the app and cost use.
import { homedir } from "node:os";
import { join } from "node:path";
import { dataDir } from "../../src/config/env.js";

export function runnerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.DROVER_CONFIG_DIR?.trim();
  if (explicit) return explicit;
  return join(env.XDG_CONFIG_HOME?.trim() || join(homedir(), ".config"), "drover");
}

export function runnerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(runnerConfigDir(env), "runner.json");
}

export function runnerDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return dataDir({ DROVER_DATA_DIR: env.DROVER_DATA_DIR?.trim() || undefined });
}

/** Every file the daemon owns, under one data folder. */
export function runnerPaths(data: string) {
  return {
    data,
    state: join(data, "runner-state.json"),
    events: join(data, "events"),
    sessions: join(data, "sessions"),
    session: (sessionId: string) => join(data, "sessions", safeName(sessionId)),
    workspaces: join(data, "workspaces"),
    hookSpool: join(data, "hook-spool"),
    socket: join(data, "runner.sock"),
    pidFile: join(data, "runner.pid"),
    bin: join(data, "bin"),
    log: join(data, "runner.log"),
  };
}
export type RunnerPaths = ReturnType<typeof runnerPaths>;

/** A session id or branch as a file or tmux name: letters, digits, dot, dash and underscore only. */
export function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+/, "") || "x";
}
