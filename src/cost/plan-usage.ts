// Lists the agents' log files with their sizes and times: the cheap first step of every report, which
// decides whether anything needs reading at all.
import { type Stats, statSync } from "node:fs";
import { findClaudeRoots, findCodexSessionDirs } from "./find-log-roots.js";
import { listClaudeFiles, listCodexFiles } from "./list-log-files.js";
import type { AgentKind, FileIdentity } from "./types.js";

export type AgentSelection = AgentKind | "all";

export interface LoadUsageOptions {
  agents?: AgentSelection;
  /** Only this Claude project (the folder name under `projects/`); Codex logs are then left out. */
  project?: string;
  env?: Record<string, string | undefined>;
  home?: string;
  /** Directory of the caches; `false` reads everything and keeps nothing. */
  cacheDir?: string | false;
  /** Worker threads besides this one; default: one per idle core when there is a lot to read, else none. */
  workers?: number;
  /** Called as files finish: bytes read so far and bytes to read in total. */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

export interface ListedFile {
  file: FileIdentity;
  size: number;
  mtimeMs: number;
}

/** The log files found and their sizes and times: `stamp` differs as soon as any file does. */
export interface UsagePlan {
  files: ListedFile[];
  roots: string[];
  stamp: [path: string, size: number, mtimeMs: number][];
}

function listFiles(options: LoadUsageOptions): { files: FileIdentity[]; roots: string[] } {
  const env = options.env ?? process.env;
  const agents = options.agents ?? "all";
  const files: FileIdentity[] = [];
  const roots: string[] = [];
  if (agents === "claude" || agents === "all") {
    const claudeRoots = findClaudeRoots(env, options.home);
    roots.push(...claudeRoots);
    files.push(...listClaudeFiles(claudeRoots, options.project));
  }
  // `--project` names a Claude project folder; Codex logs have none, so they are left out of such reports.
  if (agents === "codex" || (agents === "all" && !options.project)) {
    const dirs = findCodexSessionDirs(env, options.home);
    roots.push(...dirs.map((d) => d.dir));
    files.push(...listCodexFiles(dirs));
  }
  return { files, roots };
}

/** Lists the log files with their sizes and times; nothing is read yet. */
export function planUsage(options: LoadUsageOptions = {}): UsagePlan {
  const { files, roots } = listFiles(options);
  const listed: ListedFile[] = [];
  for (const file of files) {
    let info: Stats;
    try {
      info = statSync(file.path);
    } catch {
      continue; // gone since it was listed
    }
    listed.push({ file, size: info.size, mtimeMs: info.mtimeMs });
  }
  return { files: listed, roots, stamp: listed.map((f) => [f.file.path, f.size, f.mtimeMs]) };
}
