// Streams a file from a byte offset and hands over only the lines that contain one of the given markers.
//
// Logs are mostly tool output that can never carry usage, so lines are not split up front: the scanner
// jumps from marker to marker with Buffer.indexOf (memchr speed) and cuts out just the line around each hit.
// A fixed read buffer keeps memory flat whatever the file size; only a line longer than the buffer grows it.
// Reads are synchronous: from the page cache they take microseconds, far less than a promise round trip
// through the thread pool, and scanning runs in worker threads (or is small) anyway.
import { closeSync, openSync, readSync } from "node:fs";

const chunkSize = 1 << 20;
/** One read buffer per thread, reused by every scan (allocating 1 MiB per file shows up in GC time). */
let shared: Buffer | undefined;

export type LineHandler = (data: Buffer, start: number, end: number, partial: boolean) => void;

/**
 * What marks a line: `find`, immediately followed by `rest` when given. Split in two because Buffer.indexOf
 * is several times faster for some needle lengths than others (7 bytes: ~5 GB/s, 9 bytes: ~2 GB/s).
 */
export interface Marker {
  find: Buffer;
  rest?: Buffer;
}

/** Turns marker text into a Marker, splitting off a fast 7-byte prefix when the text is longer. */
export function marker(text: string): Marker {
  const bytes = Buffer.from(text);
  return bytes.length > 7 ? { find: bytes.subarray(0, 7), rest: bytes.subarray(7) } : { find: bytes };
}

function findMarker(data: Buffer, m: Marker, from: number): number {
  for (let at = data.indexOf(m.find, from); at >= 0; at = data.indexOf(m.find, at + 1)) {
    if (!m.rest) return at;
    const after = at + m.find.length;
    if (after + m.rest.length > data.length) continue;
    if (data.compare(m.rest, 0, m.rest.length, after, after + m.rest.length) === 0) return at;
  }
  return -1;
}

export interface ScanLinesResult {
  /** Offset just past the last newline: where an incremental read resumes. */
  completeOffset: number;
  /** Bytes read from disk by this scan. */
  bytesRead: number;
  /**
   * The (up to) 64 bytes before `completeOffset`, hex: a later read checks them to tell an append from a
   * rewrite. Read here, while the file is open, rather than opening it again.
   */
  probe: string;
}

/** Bytes before the resume offset that must be unchanged for an incremental read to be safe. */
export const probeLength = 64;

/**
 * Calls `onLine(data, start, end, partial)` for each line holding a marker, in file order: the line is
 * `data[start, end)` (valid only during the call). `partial` is true for a last line that has no newline yet
 * (still being written, or cut off): callers must not treat it as final.
 */
export function scanLines(
  path: string,
  fromOffset: number,
  markers: readonly Marker[],
  onLine: LineHandler,
  /** Read size; tests make it tiny to put lines across read boundaries. */
  readSize = chunkSize,
): ScanLinesResult {
  const fd = openSync(path, "r");
  try {
    if (readSize === chunkSize) shared ??= Buffer.allocUnsafe(chunkSize);
    let buffer = readSize === chunkSize ? shared! : Buffer.allocUnsafe(readSize);
    let carry = 0; // bytes at the start of `buffer` left over from the previous read (an unfinished line)
    let position = fromOffset;
    let completeOffset = fromOffset;
    let bytesRead = 0;
    for (;;) {
      if (carry === buffer.length) {
        // One line is longer than the buffer: grow it rather than cut the line.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, carry);
        buffer = bigger; // used for this file only: `shared` stays small
      }
      const n = readSync(fd, buffer, carry, buffer.length - carry, position);
      position += n;
      bytesRead += n;
      const end = carry + n;
      const eof = n === 0;
      const data = buffer.subarray(0, end);
      const lastNewline = eof ? -1 : data.lastIndexOf(10);
      const limit = eof ? end : lastNewline + 1; // the region holding complete lines (or everything at EOF)
      emitMarkedLines(data, limit, markers, eof, onLine);
      if (eof) break;
      if (lastNewline < 0) {
        carry = end;
        continue;
      }
      completeOffset = position - (end - limit);
      carry = end - limit;
      buffer.copy(buffer, 0, limit, end);
    }
    const probe = Buffer.alloc(Math.min(probeLength, completeOffset));
    const got = probe.length > 0 ? readSync(fd, probe, 0, probe.length, completeOffset - probe.length) : 0;
    return { completeOffset, bytesRead, probe: probe.toString("hex", 0, got) };
  } finally {
    closeSync(fd);
  }
}

function emitMarkedLines(
  data: Buffer,
  limit: number,
  markers: readonly Marker[],
  eof: boolean,
  onLine: LineHandler,
): void {
  const next = markers.map((m) => findMarker(data, m, 0));
  let from = 0;
  for (;;) {
    let hit = -1;
    for (let i = 0; i < markers.length; i++) {
      if (next[i]! >= 0 && next[i]! < from) next[i] = findMarker(data, markers[i]!, from);
      if (next[i]! >= 0 && (hit < 0 || next[i]! < hit)) hit = next[i]!;
    }
    if (hit < 0 || hit >= limit) return;
    const start = data.lastIndexOf(10, hit) + 1;
    let stop = data.indexOf(10, hit);
    const partial = stop < 0 || stop >= limit;
    if (partial) {
      if (!eof) return;
      stop = limit;
    }
    onLine(data, start, stop, partial);
    from = stop + 1;
  }
}
