// Finds the agents' logs, reads what changed since the last run (in worker threads when there is a lot),
// and hands every file's usage entries to a consumer in the order ccusage reads them.
//
// Files stream through: each is read from the cache or scanned, handed over, written to the new cache and
// dropped, so memory stays flat however large the logs are (the consumer — de-duplication — keeps what
// it needs). Unchanged files cost one stat; a grown file costs reading its new bytes.
import { closeSync, openSync, readSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import {
  batchEntries,
  concatBatches,
  decodeBatch,
  type EntryBatch,
  emptyBatch,
  encodeBatch,
} from "./entry-batch.js";
import { type ListedFile, type LoadUsageOptions, planUsage, type UsagePlan } from "./plan-usage.js";
import type { ScanTask } from "./scan-file.js";
import { probeLength } from "./scan-lines.js";
import { type ScanOutcome, scanHere, scanInOrder } from "./scan-pool.js";
import type { FileIdentity, ScanStats, UsageEntry } from "./types.js";
import {
  type CachedFile,
  type CachedRecord,
  cachePath,
  defaultCacheDir,
  UsageCacheReader,
  UsageCacheWriter,
} from "./usage-cache.js";

export type { AgentSelection, ListedFile, LoadUsageOptions, UsagePlan } from "./plan-usage.js";
export { planUsage } from "./plan-usage.js";

/** Receives each log file's entries, in read order: complete lines, then a provisional last line's. */
export type UsageSink = (listed: ListedFile, index: number, batches: readonly EntryBatch[]) => void;

export interface StreamedUsage {
  stats: ScanStats;
  /** Files that vanished or could not be read between listing and reading. */
  unreadable: string[];
  /** Set when the per-file cache could not be written (the next run then reads everything again). */
  cacheError?: Error;
}

/**
 * Below this many bytes to read, a worker costs more than it saves: its start-up and its own JIT warm-up
 * (~0.1–0.2 s of CPU) are worth it only for a few hundred milliseconds of scanning to share.
 */
const workerThreshold = 64 * 1024 * 1024;

/**
 * Worker threads for a read of `bytes`: one per idle core. On a machine already busy (1-minute load average
 * within half a core of the core count) a worker could not run alongside this thread and would only add its
 * start-up, as `make -l` reasons.
 */
function workersFor(bytes: number): number {
  const cores = availableParallelism();
  if (bytes < workerThreshold || cores < 2) return 0;
  const idle = Math.ceil(cores - 0.5 - loadavg()[0]!);
  return Math.max(0, Math.min(cores - 1, idle));
}

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

function decodeRecord(record: CachedRecord | undefined): [EntryBatch, EntryBatch] | undefined {
  if (!record) return undefined;
  try {
    return [decodeBatch(record.entries), decodeBatch(record.tail)];
  } catch {
    return undefined; // a damaged record: the file is read again
  }
}

/**
 * Brings every planned file up to date (cache, then scans in worker threads when there is a lot) and calls
 * `sink` for each, in plan order. Updates the cache.
 */
export async function streamUsage(
  plan: UsagePlan,
  options: LoadUsageOptions,
  sink: UsageSink,
): Promise<StreamedUsage> {
  const path =
    options.cacheDir === false
      ? undefined
      : cachePath(options.cacheDir ?? defaultCacheDir(options.env ?? process.env), plan.roots);
  const reader = path ? UsageCacheReader.open(path) : UsageCacheReader.empty();
  const stats: ScanStats = { files: plan.files.length, bytesRead: 0, malformedLines: 0, cachedFiles: 0 };
  const unreadable: string[] = [];
  try {
    const cached = plan.files.map((listed) => reader.get(listed.file.path));
    const tasks: ScanTask[] = [];
    const taskOf: number[] = []; // task index → position in the plan
    plan.files.forEach((listed, i) => {
      const task = taskFor(listed, cached[i]);
      if (task) {
        tasks.push(task);
        taskOf.push(i);
      }
    });
    const planned = new Set(plan.files.map((f) => f.file.path));
    const forgotten = [...reader.paths()].filter((p) => !planned.has(p));
    // With --project only some files are listed: the others stay in the cache as they are.
    const dirty = tasks.length > 0 || (!options.project && forgotten.length > 0);
    const writer = path && dirty ? new UsageCacheWriter(path) : undefined;

    const finish = (
      index: number,
      entry: CachedFile | undefined,
      batches: [EntryBatch, EntryBatch],
      record?: CachedRecord,
    ) => {
      if (entry) {
        stats.malformedLines += entry.malformed + entry.tailMalformed;
        if (record) writer?.add(entry, record);
      }
      sink(plan.files[index]!, index, batches);
    };

    /** Reads one file here, from the start (its cached entries turned out unreadable). */
    const rescan = (index: number) => {
      const listed = plan.files[index]!;
      const task: ScanTask = {
        agent: listed.file.agent,
        path: listed.file.path,
        fromOffset: 0,
        codexState: {},
      };
      scanned(index, task, scanHere(task), undefined);
    };

    const fromCache = (index: number) => {
      const entry = cached[index]!;
      const record = reader.read(entry.path);
      const batches = decodeRecord(record);
      if (!batches) return rescan(index);
      stats.cachedFiles++;
      finish(index, entry, batches, record);
    };

    const scanned = (index: number, task: ScanTask, outcome: ScanOutcome, base: CachedFile | undefined) => {
      const listed = plan.files[index]!;
      const { result, error } = outcome;
      let earlier: [EntryBatch, EntryBatch] | undefined;
      if (task.fromOffset > 0) {
        earlier = decodeRecord(reader.read(listed.file.path));
        if (!earlier) return rescan(index);
      }
      if (error) {
        unreadable.push(listed.file.path);
        // Not cached: the next run reads it again.
        finish(index, undefined, [earlier?.[0] ?? emptyBatch(), emptyBatch()]);
        return;
      }
      stats.bytesRead += result.bytesRead;
      const entries = earlier ? concatBatches(earlier[0], result.entries) : result.entries;
      const entry: CachedFile = {
        agent: listed.file.agent,
        path: listed.file.path,
        size: listed.size,
        mtimeMs: listed.mtimeMs,
        completeOffset: result.completeOffset,
        probe: result.probe,
        malformed: (earlier ? base!.malformed : 0) + result.malformed,
        tailMalformed: result.tailMalformed,
        ...(result.codexState ? { codexState: result.codexState } : {}),
      };
      const record =
        writer &&
        (!earlier && outcome.encoded
          ? outcome.encoded
          : { entries: encodeBatch(entries), tail: encodeBatch(result.tail) });
      finish(index, entry, [entries, result.tail], record);
    };

    const totalBytes = tasks.reduce((sum, task) => sum + (task.size ?? 0), 0);
    const workers = options.workers ?? workersFor(totalBytes);
    let consumed = 0; // plan positions before this one have been handed to the sink
    let doneBytes = 0;
    await scanInOrder(tasks, {
      workers,
      deliver: (taskIndex, outcome) => {
        const index = taskOf[taskIndex]!;
        for (; consumed < index; consumed++) fromCache(consumed);
        scanned(index, tasks[taskIndex]!, outcome, cached[index]);
        consumed = index + 1;
        doneBytes += tasks[taskIndex]!.size ?? 0;
        options.onProgress?.(doneBytes, totalBytes);
      },
    });
    for (; consumed < plan.files.length; consumed++) fromCache(consumed);
    if (writer && options.project) {
      for (const forgottenPath of forgotten) {
        const record = reader.read(forgottenPath);
        if (record) writer.add(reader.get(forgottenPath)!, record);
      }
    }
    const cacheError = writer?.finish();
    return { stats, unreadable, ...(cacheError ? { cacheError } : {}) };
  } finally {
    reader.close();
  }
}

// ---------------------------------------------------------------- entries as objects (API, tests)

export interface LoadedFile {
  file: FileIdentity;
  entries: UsageEntry[];
}

export interface LoadedUsage extends StreamedUsage {
  files: LoadedFile[];
}

export async function loadUsage(options: LoadUsageOptions = {}): Promise<LoadedUsage> {
  return readUsage(planUsage(options), options);
}

/** Every file's entries as objects (fine for small reads; reports use streamUsage). */
export async function readUsage(plan: UsagePlan, options: LoadUsageOptions = {}): Promise<LoadedUsage> {
  const files: LoadedFile[] = [];
  const streamed = await streamUsage(plan, options, (listed, _, batches) => {
    files.push({ file: listed.file, entries: batches.flatMap(batchEntries) });
  });
  return { files, ...streamed };
}
