// The runner's event buffer on disk: every event is appended to a file before anything tries to send it, and
// leaves only once the app has acknowledged it, so an app that is down (or a runner that restarts) loses
// nothing. Sequence numbers continue across restarts; a cursor file says how far the app has acknowledged.
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import {
  type RunnerEvent,
  type RunnerEventBody,
  runnerEventSchema,
} from "../../src/protocol/runner-events.js";
import type { Logger } from "../../src/shared/logger.js";
import { parseJsonOrUndefined, readJsonFile, writeFileAtomic, writeJsonAtomic } from "./atomic-file.js";

const cursorSchema = z.object({
  stream: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
  acked: z.int().min(0),
});

export interface EventOutbox {
  /** The stream id the app dedupes on, made once with the buffer. */
  readonly stream: string;
  /** Stamps the event with the next sequence number and writes it to disk before returning it. */
  append(body: RunnerEventBody): RunnerEvent;
  /** Events not yet acknowledged, oldest first. */
  pending(): readonly RunnerEvent[];
  /** The app has applied everything up to `seq`. */
  ack(seq: number): void;
  /** Events the app will never accept (refused, malformed): removed so the rest can go. */
  drop(seqs: number[]): void;
  /** Called after each append, to wake the sender. */
  onAppend(listener: () => void): void;
}

/** Acknowledged lines kept in the file before it is rewritten without them. */
const compactAfter = 500;

export function openEventOutbox(dir: string, log: Logger, now: () => number = Date.now): EventOutbox {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, "outbox.jsonl");
  const cursorFile = join(dir, "cursor.json");
  const cursor = readJsonFile(cursorFile, cursorSchema, () => {
    const fresh = { stream: `s${randomBytes(9).toString("base64url")}`, acked: 0 };
    writeJsonAtomic(cursorFile, fresh);
    return fresh;
  });
  let pending: RunnerEvent[] = [];
  let lastSeq = cursor.acked;
  let linesInFile = 0;
  try {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (!line.trim()) continue;
      linesInFile += 1;
      const parsed = runnerEventSchema.safeParse(parseJsonOrUndefined(line));
      // A crash mid-append leaves at most one torn line at the end; it was never acknowledged or sent whole.
      if (!parsed.success) {
        log.warn({ file }, "skipped an unreadable line in the event buffer");
        continue;
      }
      lastSeq = Math.max(lastSeq, parsed.data.seq);
      if (parsed.data.seq > cursor.acked) pending.push(parsed.data);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const listeners: (() => void)[] = [];

  const rewrite = () => {
    writeFileAtomic(file, pending.map((e) => `${JSON.stringify(e)}\n`).join(""));
    linesInFile = pending.length;
  };

  return {
    stream: cursor.stream,
    append(body) {
      lastSeq += 1;
      const event = { ...body, seq: lastSeq, at: now() } as RunnerEvent;
      appendFileSync(file, `${JSON.stringify(event)}\n`, { mode: 0o600 });
      linesInFile += 1;
      pending.push(event);
      for (const listener of listeners) listener();
      return event;
    },
    pending: () => pending,
    ack(seq) {
      if (seq <= cursor.acked) return;
      cursor.acked = seq;
      writeJsonAtomic(cursorFile, cursor);
      pending = pending.filter((e) => e.seq > seq);
      if (pending.length === 0 || linesInFile - pending.length > compactAfter) rewrite();
    },
    drop(seqs) {
      const gone = new Set(seqs);
      pending = pending.filter((e) => !gone.has(e.seq));
      rewrite();
    },
    onAppend(listener) {
      listeners.push(listener);
    },
  };
}
