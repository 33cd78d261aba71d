// Spreads file scans over worker threads and hands the results over in file order, as they complete.
//
// Reports read files in a fixed order (ties between copies of a response go to the first read), so
// results are delivered in task order; a consumer can then fold each file in and drop it, and memory
// stays flat. Threads claim the next task from one atomic counter, the calling thread included: on a
// two-core machine one worker plus this thread use both cores, and this thread starts at once while the
// worker is still loading. Results of the worker are picked up between this thread's own scans with
// receiveMessageOnPort, without waiting for the event loop. Codex rollouts are scanned here only (their
// parser needs zod, which workers never load).
// Under tsx or vitest this module is a `.ts` file and so is the worker next to it; Node cannot load that
// by itself, so the worker registers tsx's loader first. From dist/ both are plain `.js`.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { decodeBatch, emptyBatch } from "./entry-batch.js";
import { type ClaudeLineResult, parseClaudeLine } from "./parse-claude-line.js";
import { resolveDeferred, type SlowLineParser } from "./scan-claude-file.js";
import { type ScanResult, type ScanTask, scanFile } from "./scan-file.js";
import type { WorkerInput, WorkerScan, WorkerTask } from "./scan-worker.js";

export interface ScanOutcome {
  result: ScanResult;
  /** Set when the file could not be read (it vanished or is unreadable): it then counts as empty. */
  error?: string;
  /** True when a worker thread scanned the file. */
  byWorker?: boolean;
  /** The encoded batches as the worker sent them (the cache stores these bytes as they are). */
  encoded?: { entries: Uint8Array; tail: Uint8Array };
}

export interface ScanInOrderOptions {
  /** Worker threads to start (0: scan in this thread only). */
  workers: number;
  /** Whether this thread scans Claude files too (default true; false leaves them to the workers). */
  scanHere?: boolean;
  /** The slow path for lines the fast reader is unsure about (default parseClaudeLine). */
  slow?: (text: string) => ClaudeLineResult;
  /** Called once per task, in task order. */
  deliver: (index: number, outcome: ScanOutcome) => void;
}

const emptyResult = (task: ScanTask): ScanResult => ({
  entries: emptyBatch(),
  malformed: 0,
  tail: emptyBatch(),
  tailMalformed: 0,
  completeOffset: task.fromOffset,
  bytesRead: 0,
  probe: "",
  deferred: [],
  codexState: task.codexState,
});

/** The parent's Node flags minus those only valid for a main script (`node --input-type=module -e …`). */
function workerExecArgv(): string[] {
  return process.execArgv.filter(
    (flag) => !/^--input-type(=|$)/.test(flag) && !["-e", "--eval", "-p", "--print"].includes(flag),
  );
}

function startWorker(input: WorkerInput): Worker {
  const here = import.meta.url;
  const execArgv = workerExecArgv();
  const options = { workerData: input, transferList: [input.port], execArgv };
  if (!here.endsWith(".ts")) return new Worker(new URL("./scan-worker.js", here), options);
  // Loader hooks registered in this thread do not reach workers: the worker registers tsx itself first.
  const tsxPackage = createRequire(here).resolve("tsx/package.json");
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), "dist", "esm", "api", "index.mjs")).href;
  const entry = new URL("./scan-worker.ts", here).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** Scans one task in this thread; a file that cannot be read gives an empty result and the error. */
export function scanHere(task: ScanTask, slow: SlowLineParser = parseClaudeLine): ScanOutcome {
  try {
    return { result: scanFile(task, slow) };
  } catch (error) {
    return { result: emptyResult(task), error: (error as Error).message };
  }
}

function fromWorker(message: WorkerScan, task: ScanTask, slow: SlowLineParser): ScanOutcome {
  if (message.error !== undefined) return { result: emptyResult(task), error: message.error, byWorker: true };
  const scan: ScanResult = {
    entries: decodeBatch(message.entries!),
    tail: decodeBatch(message.tail!),
    malformed: message.malformed!,
    tailMalformed: message.tailMalformed!,
    completeOffset: message.completeOffset!,
    bytesRead: message.bytesRead!,
    probe: message.probe!,
    deferred: message.deferred!,
  };
  if (scan.deferred.length === 0)
    return { result: scan, byWorker: true, encoded: { entries: message.entries!, tail: message.tail! } };
  return { result: resolveDeferred(scan, slow), byWorker: true };
}

/** Scans every task (this thread and `workers` worker threads) and delivers the outcomes in task order. */
export async function scanInOrder(tasks: readonly ScanTask[], options: ScanInOrderOptions): Promise<void> {
  const { deliver } = options;
  const slow = options.slow ?? parseClaudeLine;
  const alsoHere = options.scanHere ?? true;
  const shared: WorkerTask[] = [];
  const hereOnly: number[] = [];
  tasks.forEach((task, index) => {
    if (task.agent === "claude") shared.push({ index, path: task.path, fromOffset: task.fromOffset });
    else hereOnly.push(index);
  });
  const wanted = alsoHere
    ? Math.min(options.workers, shared.length - 1)
    : Math.min(Math.max(1, options.workers), shared.length);
  const counter = new SharedArrayBuffer(4);
  const claim = new Int32Array(counter);
  const ready = new Map<number, ScanOutcome>();
  let next = 0;
  const flush = () => {
    for (let outcome = ready.get(next); outcome; outcome = ready.get(next)) {
      ready.delete(next);
      deliver(next++, outcome);
    }
  };

  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const receive = (messages: WorkerScan[]) => {
    for (const message of messages)
      ready.set(message.index, fromWorker(message, tasks[message.index]!, slow));
    wake?.();
  };
  for (let i = 0; i < wanted; i++) {
    const { port1, port2 } = new MessageChannel();
    const worker = startWorker({ tasks: shared, counter, port: port2 });
    port1.on("message", receive);
    const fail = (error: Error) => {
      failure ??= new Error(`cost scan worker failed: ${error.message}`);
      wake?.();
    };
    worker.once("error", fail);
    worker.once("exit", (code) => {
      if (code !== 0) fail(new Error(`exit code ${code}`));
    });
    ports.push(port1);
    workers.push(worker);
  }
  const drain = () => {
    for (const port of ports) {
      for (let got = receiveMessageOnPort(port); got; got = receiveMessageOnPort(port)) receive(got.message);
    }
  };

  try {
    if (alsoHere) {
      for (let k = Atomics.add(claim, 0, 1); k < shared.length; k = Atomics.add(claim, 0, 1)) {
        const index = shared[k]!.index;
        ready.set(index, scanHere(tasks[index]!, slow));
        drain();
        flush();
      }
    }
    for (const index of hereOnly) {
      ready.set(index, scanHere(tasks[index]!, slow));
      drain();
      flush();
    }
    while (next < tasks.length) {
      drain();
      flush();
      if (next >= tasks.length) break;
      if (failure) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  } finally {
    for (const port of ports) port.close();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Scans every task and returns the outcomes in task order (tests and small reads). */
export async function runScans(
  tasks: readonly ScanTask[],
  options: Omit<ScanInOrderOptions, "deliver">,
): Promise<ScanOutcome[]> {
  const outcomes: ScanOutcome[] = [];
  await scanInOrder(tasks, { ...options, deliver: (index, outcome) => (outcomes[index] = outcome) });
  return outcomes;
}
