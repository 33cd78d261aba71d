// Finds the agents' logs, reads what changed since the last run (in worker threads when there is a lot),
// and returns every usage entry in the order ccusage reads them.

import { closeSync, openSync, readSync } from "node:fs";
import { availableParallelism } from "node:os";
import { type ListedFile, type LoadUsageOptions, planUsage, type UsagePlan } from "./plan-usage.js";
import type { ScanTask } from "./scan-file.js";
import type { FileIdentity, ScanStats, UsageEntry } from "./types.js";
import { type CachedFile, defaultCacheDir, UsageCache } from "./usage-cache.js";
import { runScans } from "./worker-pool.js";

export type { AgentSelection, ListedFile, LoadUsageOptions, UsagePlan } from "./plan-usage.js";
export { planUsage } from "./plan-usage.js";

export interface LoadedFile {
  file: FileIdentity;
  entries: UsageEntry[];
}

export interface LoadedUsage {
  files: LoadedFile[];
  stats: ScanStats;
  /** Files that vanished or could not be read between listing and reading. */
  unreadable: string[];
  /** Set when the per-file cache could not be written (the next run then reads everything again). */
  cacheError?: Error;
}

/** Bytes before the cached offset that must be unchanged for an incremental read to be safe. */
const probeLength = 64;
/** Below this many bytes to read, starting a worker costs more than it saves. */
const workerThreshold = 16 * 1024 * 1024;

/** Hex of the bytes just before `end`, or undefined when the file cannot be read. */
function readProbe(path: string, end: number): string | undefined {
  const start = Math.max(0, end - probeLength);
  if (end <= start) return "";
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(end - start);
    const bytesRead = readSync(fd, buffer, 0, buffer.length, start);
    return buffer.subarray(0, bytesRead).toString("hex");
  } finally {
    closeSync(fd);
  }
}

/** How to bring one file up to date: nothing to read, the appended bytes only, or all of it. */
function taskFor({ file, size, mtimeMs }: ListedFile, cached: CachedFile | undefined): ScanTask | undefined {
  if (cached && cached.agent === file.agent) {
    if (cached.size === size && cached.mtimeMs === mtimeMs) return undefined;
    if (size >= cached.completeOffset && readProbe(file.path, cached.completeOffset) === cached.probe) {
      return {
        agent: file.agent,
        path: file.path,
        fromOffset: cached.completeOffset,
        size: size - cached.completeOffset,
        codexState: cached.codexState,
      };
    }
  }
  return { agent: file.agent, path: file.path, fromOffset: 0, size, codexState: {} };
}

export async function loadUsage(options: LoadUsageOptions = {}): Promise<LoadedUsage> {
  return readUsage(planUsage(options), options);
}

/** Reads what changed since the cached state (in worker threads when it is a lot) and updates the cache. */
export async function readUsage(plan: UsagePlan, options: LoadUsageOptions = {}): Promise<LoadedUsage> {
  const cache =
    options.cacheDir === false
      ? UsageCache.disabled()
      : UsageCache.open(options.cacheDir ?? defaultCacheDir(options.env ?? process.env), plan.roots);
  const steps = plan.files.map((listed) => {
    const cached = cache.get(listed.file.path);
    return { listed, cached, task: taskFor(listed, cached) };
  });
  const work = steps.filter((s) => s.task);
  const totalBytes = work.reduce((sum, s) => sum + (s.task!.size ?? 0), 0);
  const workers =
    options.workers ??
    (totalBytes >= workerThreshold ? Math.min(availableParallelism() - 1, work.length - 1) : 0);
  let doneBytes = 0;
  const outcomes = await runScans(
    work.map((s) => s.task!),
    {
      workers,
      onDone: (index) => {
        doneBytes += work[index]!.task!.size ?? 0;
        options.onProgress?.(doneBytes, totalBytes);
      },
    },
  );
  const scanned = new Map(work.map((step, i) => [step, outcomes[i]!]));

  const stats: ScanStats = { files: steps.length, bytesRead: 0, malformedLines: 0, cachedFiles: 0 };
  const unreadable: string[] = [];
  const loaded: LoadedFile[] = [];
  for (const step of steps) {
    const { listed, cached, task } = step;
    const outcome = scanned.get(step);
    let record: CachedFile;
    if (!outcome || !task) {
      record = cached!;
      stats.cachedFiles++;
    } else {
      const { result, error } = outcome;
      if (error) unreadable.push(listed.file.path);
      stats.bytesRead += result.bytesRead;
      const base = task.fromOffset > 0 ? cached : undefined;
      record = {
        agent: listed.file.agent,
        path: listed.file.path,
        size: listed.size,
        mtimeMs: listed.mtimeMs,
        completeOffset: result.completeOffset,
        probe: error ? "" : (readProbe(listed.file.path, result.completeOffset) ?? ""),
        entries: base ? base.entries.concat(result.entries) : result.entries,
        malformed: (base?.malformed ?? 0) + result.malformed,
        tailEntries: result.tailEntries,
        tailMalformed: result.tailMalformed,
        codexState: result.codexState,
      };
      if (!error) cache.set(record);
    }
    stats.malformedLines += record.malformed + record.tailMalformed;
    loaded.push({
      file: listed.file,
      entries: record.tailEntries.length > 0 ? record.entries.concat(record.tailEntries) : record.entries,
    });
  }
  if (!options.project) cache.retainOnly(new Set(steps.map((s) => s.listed.file.path)));
  const cacheError = cache.save();
  return { files: loaded, stats, unreadable, ...(cacheError ? { cacheError } : {}) };
}
