// Spreads file scans over worker threads, both from TypeScript source (tests, tsx) and from the built dist/.
//
// The calling thread scans too: on a two-core machine one worker plus this thread use both cores, and
// this thread starts at once while the worker is still loading. Files go largest first to whichever thread
// is free, so no thread is left alone with one big file at the end.
// Under tsx or vitest this module is a `.ts` file and so is the worker next to it; Node cannot load that
// by itself, so the worker registers tsx's loader first. From dist/ both are plain `.js`.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { type PackedEntry, unpackEntries } from "./entry-codec.js";
import { type ScanResult, type ScanTask, scanFile } from "./scan-file.js";

export interface ScanOutcome {
  result: ScanResult;
  /** Set when the file could not be read (it vanished or is unreadable): it then counts as empty. */
  error?: string;
  /** True when a worker thread scanned the file. */
  byWorker?: boolean;
}

export interface RunScansOptions {
  /** Worker threads to start (0: scan in this thread only). */
  workers: number;
  /** Whether this thread scans too while it waits (default true; false makes the workers do everything). */
  scanHere?: boolean;
  onDone?: (index: number, outcome: ScanOutcome) => void;
}

const emptyResult = (task: ScanTask): ScanResult => ({
  entries: [],
  malformed: 0,
  tailEntries: [],
  tailMalformed: 0,
  completeOffset: task.fromOffset,
  bytesRead: 0,
  codexState: task.codexState,
});

/** Workers parse many short-lived strings: a larger young generation means fewer scavenges. */
const resourceLimits = { maxYoungGenerationSizeMb: 32 };

/** The parent's Node flags minus those only valid for a main script (`node --input-type=module -e …`). */
function workerExecArgv(): string[] {
  return process.execArgv.filter(
    (flag) => !/^--input-type(=|$)/.test(flag) && !["-e", "--eval", "-p", "--print"].includes(flag),
  );
}

function startWorker(): Worker {
  const here = import.meta.url;
  const execArgv = workerExecArgv();
  if (!here.endsWith(".ts"))
    return new Worker(new URL("./scan-worker.js", here), { resourceLimits, execArgv });
  // Loader hooks registered in this thread do not reach workers: the worker registers tsx itself first.
  const tsxPackage = createRequire(here).resolve("tsx/package.json");
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), "dist", "esm", "api", "index.mjs")).href;
  const entry = new URL("./scan-worker.ts", here).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits, execArgv });
}

function scanHere(task: ScanTask): ScanOutcome {
  try {
    return { result: scanFile(task) };
  } catch (error) {
    return { result: emptyResult(task), error: (error as Error).message };
  }
}

function unpackResult(json: string): ScanResult {
  const packed = JSON.parse(json) as Omit<ScanResult, "entries" | "tailEntries"> & {
    entries: PackedEntry[];
    tailEntries: PackedEntry[];
  };
  return {
    ...packed,
    entries: unpackEntries(packed.entries),
    tailEntries: unpackEntries(packed.tailEntries),
  };
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Scans every task with this thread and worker threads. Results come back in task order; `onDone(index,
 * outcome)` reports each as it finishes (for progress).
 */
export async function runScans(tasks: readonly ScanTask[], options: RunScansOptions): Promise<ScanOutcome[]> {
  const { workers, onDone } = options;
  const alsoHere = options.scanHere ?? true;
  if (tasks.length === 0) return [];
  const outcomes: ScanOutcome[] = new Array(tasks.length);
  const queue = tasks.map((_, i) => i).sort((a, b) => (tasks[b]!.size ?? 0) - (tasks[a]!.size ?? 0));
  const finish = (index: number, outcome: ScanOutcome) => {
    outcomes[index] = outcome;
    onDone?.(index, outcome);
  };
  const wanted = alsoHere
    ? Math.min(workers, tasks.length - 1)
    : Math.max(1, Math.min(workers, tasks.length));
  const pool = Array.from({ length: Math.max(0, wanted) }, startWorker);
  try {
    const workersDone = pool.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          let current = -1;
          const next = () => {
            const index = queue.shift();
            if (index === undefined) return resolve();
            current = index;
            worker.postMessage({ id: index, task: tasks[index] });
          };
          worker.on("message", (message: { id: number; json?: string; error?: { message: string } }) => {
            finish(
              message.id,
              message.json
                ? { result: unpackResult(message.json), byWorker: true }
                : { result: emptyResult(tasks[message.id]!), error: message.error?.message, byWorker: true },
            );
            next();
          });
          worker.once("error", (error) =>
            reject(
              new Error(`cost scan worker failed on ${tasks[current]?.path ?? "startup"}: ${error.message}`),
            ),
          );
          // Ask for work only once running: until then this thread takes the big files.
          worker.once("online", next);
        }),
    );
    for (let index = alsoHere ? queue.shift() : undefined; index !== undefined; index = queue.shift()) {
      finish(index, scanHere(tasks[index]!));
      // Let workers that finished a file get their next one while this thread works.
      if (pool.length > 0) await yieldToEvents();
    }
    await Promise.all(workersDone);
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return outcomes;
}
