// Worker thread entry: claims Claude transcripts from the shared task list and posts the scans back.
//
// Tasks are claimed with an atomic counter the main thread also claims from, so no thread waits for
// another to hand out work. Entries travel as one transferred buffer per batch (no copy, no serializing);
// lines the fast reader is unsure about travel as text, for the main thread's parseClaudeLine (zod is
// never loaded here: its start-up would cost more than this thread's share of a typical read).
import { type MessagePort, workerData } from "node:worker_threads";
import { encodeBatch } from "./entry-batch.js";
import { scanClaudeFile } from "./scan-claude-file.js";

export interface WorkerTask {
  index: number;
  path: string;
  fromOffset: number;
}

export interface WorkerInput {
  tasks: WorkerTask[];
  /** Int32Array over a SharedArrayBuffer: the next position in `tasks` to claim. */
  counter: SharedArrayBuffer;
  port: MessagePort;
}

export interface WorkerScan {
  index: number;
  entries?: Uint8Array;
  tail?: Uint8Array;
  malformed?: number;
  tailMalformed?: number;
  completeOffset?: number;
  bytesRead?: number;
  probe?: string;
  deferred?: { row: number; tail: boolean; text: string; validUtf8: boolean }[];
  error?: string;
}

const { tasks, counter, port } = workerData as WorkerInput;
const next = new Int32Array(counter);

// Scans go out a few at a time: one message per small file would cost more than reading it.
const sendEvery = 16;
const sendBytes = 1 << 20;
let pending: WorkerScan[] = [];
let transfer: ArrayBuffer[] = [];
let pendingBytes = 0;
const send = () => {
  if (pending.length === 0) return;
  port.postMessage(pending, transfer);
  pending = [];
  transfer = [];
  pendingBytes = 0;
};

for (let claimed = Atomics.add(next, 0, 1); claimed < tasks.length; claimed = Atomics.add(next, 0, 1)) {
  const task = tasks[claimed]!;
  try {
    const scan = scanClaudeFile(task.path, task.fromOffset);
    const entries = encodeBatch(scan.entries);
    const tail = encodeBatch(scan.tail);
    pending.push({
      index: task.index,
      entries,
      tail,
      malformed: scan.malformed,
      tailMalformed: scan.tailMalformed,
      completeOffset: scan.completeOffset,
      bytesRead: scan.bytesRead,
      probe: scan.probe,
      deferred: scan.deferred,
    });
    transfer.push(entries.buffer as ArrayBuffer, tail.buffer as ArrayBuffer);
    pendingBytes += entries.length + tail.length;
  } catch (error) {
    pending.push({ index: task.index, error: (error as Error).message });
  }
  if (pending.length >= sendEvery || pendingBytes >= sendBytes) send();
}
send();
