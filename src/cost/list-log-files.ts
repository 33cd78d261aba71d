// Lists the `.jsonl` log files under the log roots, in the order ccusage reads them.
//
// The order matters: when two copies of one response tie, the copy read first is kept, and ccusage reads
// files sorted by their full path as UTF-8 bytes. Symbolic links are not followed (neither does ccusage).
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { CodexSessionDir } from "./find-log-roots.js";
import type { FileIdentity } from "./types.js";

function walk(dir: string, into: string[]): void {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  // `dir` is already normal and names hold no separator: joining by hand skips path.join's normalizing,
  // which shows with thousands of transcripts.
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  for (const entry of entries) {
    const path = prefix + entry.name;
    if (entry.isDirectory()) walk(path, into);
    // `x.jsonl` only: not `.jsonl` (no extension to Rust's Path either) and not `.JSONL`.
    else if (entry.isFile() && entry.name.endsWith(".jsonl") && entry.name.length > 6) into.push(path);
  }
}

/** Surrogate code units: only beyond the BMP do UTF-16 and UTF-8 orders differ. */
const surrogate = /[\uD800-\uDFFF]/;

/** Sorts paths by their UTF-8 bytes (JS compares UTF-16 units, which differs beyond the BMP). */
export function sortPaths(paths: string[]): string[] {
  if (!paths.some((path) => surrogate.test(path)))
    return [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return paths
    .map((path) => ({ path, bytes: Buffer.from(path) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map((p) => p.path);
}

/**
 * Where a Claude transcript belongs, from its path below the first `projects` folder:
 * `<project>/<session>.jsonl`, `<project>/<session>/<file>.jsonl`, `<project>/<session>/subagents/<file>.jsonl`.
 */
export function claudeFileIdentity(path: string): FileIdentity {
  const parts = path.split(sep).filter((p) => p !== "");
  const projectsAt = parts.indexOf("projects");
  const rel = projectsAt >= 0 ? parts.slice(projectsAt + 1) : parts;
  const project = rel[0] !== undefined && rel[0].trim() !== "" ? rel[0] : "unknown";
  const last = rel[rel.length - 1] ?? "";
  const stem = last.endsWith(".jsonl") ? last.slice(0, -6) : "";
  let sessionId: string;
  let projectPath: string;
  if (rel.length === 2 && stem !== "") {
    sessionId = stem;
    projectPath = rel[0]!;
  } else if (rel.length >= 4 && rel[rel.length - 2] === "subagents") {
    sessionId = rel[rel.length - 3]!;
    projectPath = rel.slice(0, rel.length - 3).join("/") || "Unknown Project";
  } else {
    sessionId = rel[Math.max(0, rel.length - 2)] ?? "unknown";
    projectPath = rel.length > 2 ? rel.slice(0, rel.length - 2).join("/") : "Unknown Project";
  }
  return { agent: "claude", path, project, projectPath, sessionId };
}

/** Every Claude transcript under the roots' `projects/` folders, optionally one project only. */
export function listClaudeFiles(roots: readonly string[], project?: string): FileIdentity[] {
  const files: string[] = [];
  for (const root of roots) {
    const projects = join(root, "projects");
    const usable =
      project !== undefined &&
      project !== "" &&
      project !== "." &&
      project !== ".." &&
      !/[/\\]/.test(project);
    walk(usable ? join(projects, project) : projects, files);
  }
  return sortPaths(files).map(claudeFileIdentity);
}

/** Every Codex rollout; a file in `sessions/` hides the archived copy at the same relative path. */
export function listCodexFiles(dirs: readonly CodexSessionDir[]): FileIdentity[] {
  const files: FileIdentity[] = [];
  const live = new Set<string>();
  for (const { dir, kind } of [...dirs].sort(
    (a, b) => (a.kind === "archived" ? 1 : 0) - (b.kind === "archived" ? 1 : 0),
  )) {
    const found: string[] = [];
    walk(dir, found);
    for (const path of found) {
      const rel = relative(dir, path).split(sep).join("/");
      if (kind === "sessions") live.add(`${dir}\0${rel}`);
      if (kind === "archived" && live.has(`${join(dir, "..", "sessions")}\0${rel}`)) continue;
      const sessionId = rel.replace(/\.jsonl$/, "");
      const slash = sessionId.lastIndexOf("/");
      files.push({
        agent: "codex",
        path,
        project: slash >= 0 ? sessionId.slice(0, slash) : "",
        projectPath: slash >= 0 ? sessionId.slice(0, slash) : "",
        sessionId,
      });
    }
  }
  const order = new Map(sortPaths(files.map((f) => f.path)).map((p, i) => [p, i]));
  return files.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
}
