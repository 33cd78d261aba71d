// Worker thread entry: scans the files the pool sends and posts each result back.
//
// Results travel as JSON text of packed entries (entry-codec.ts): for thousands of small entry objects that
// costs several times less than the structured clone postMessage would do.
import { parentPort } from "node:worker_threads";
import { packEntries } from "./entry-codec.js";
import { type ScanTask, scanFile } from "./scan-file.js";

if (!parentPort) throw new Error("scan-worker must run as a worker thread (see worker-pool.ts)");
const port = parentPort;

port.on("message", (message: { id: number; task: ScanTask }) => {
  try {
    const result = scanFile(message.task);
    const packed = {
      ...result,
      entries: packEntries(result.entries),
      tailEntries: packEntries(result.tailEntries),
    };
    port.postMessage({ id: message.id, json: JSON.stringify(packed) });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    port.postMessage({ id: message.id, error: { message: err.message, code: err.code } });
  }
});
