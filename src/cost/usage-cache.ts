// The per-file cache: what each log file held, keyed by (path, size, mtime, offset), kept between runs.
//
// A rerun reads nothing from a file whose size and mtime are unchanged, and only the bytes after the cached
// offset of a file that grew (agents append to their transcripts). A file that shrank, or whose bytes
// before the offset changed, is read again from the start.
//
// One binary file per set of log roots: each log file's entries as the encoded batches of entry-batch.ts,
// then a JSON index of the files, then a fixed trailer pointing at the index. Opening reads only the
// trailer and the index; a file's entries are read when a report gets to that file, so memory does not
// grow with the cache. A new cache is written alongside as the report goes, and renamed over the old one
// at the end: a crashed or concurrent run never leaves a torn cache.
import { createHash } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { CodexFileState } from "./scan-codex-file.js";
import type { AgentKind } from "./types.js";

/** Bump when parsing rules or the layout change: older caches are then ignored and every file is read again. */
export const cacheFormat = 6;

const magic = 0x44524343; // "DRCC"
const trailerBytes = 24;

/** What the cache knows about one log file, besides its entries. */
export interface CachedFile {
  agent: AgentKind;
  path: string;
  size: number;
  mtimeMs: number;
  /** Bytes of complete lines already parsed; an incremental read starts here. */
  completeOffset: number;
  /** The bytes just before `completeOffset` (hex): if they changed, the file was rewritten, not appended to. */
  probe: string;
  malformed: number;
  /** From a last line without a newline: valid only while size and mtime are unchanged. */
  tailMalformed: number;
  codexState?: CodexFileState;
}

interface Indexed extends CachedFile {
  /** Where the file's encoded entries start in the cache, and the lengths of its two batches. */
  at: number;
  entriesLength: number;
  tailLength: number;
}

/** `$XDG_CACHE_HOME/drover/cost`, default ~/.cache/drover/cost. */
export function defaultCacheDir(
  env: Record<string, string | undefined> = process.env,
  home = homedir(),
): string {
  return join(env.XDG_CACHE_HOME || join(home, ".cache"), "drover", "cost");
}

/** The cache file for a set of log roots. */
export function cachePath(dir: string, roots: readonly string[]): string {
  const key = createHash("sha256").update(roots.join("\n")).digest("hex").slice(0, 16);
  return join(dir, `usage-${key}.bin`);
}

/** The encoded entries of one file, as stored. */
export interface CachedRecord {
  entries: Uint8Array;
  tail: Uint8Array;
}

/** The cache as it was when the run started. */
export class UsageCacheReader {
  private readonly files = new Map<string, Indexed>();

  private constructor(private readonly fd: number | undefined) {}

  static empty(): UsageCacheReader {
    return new UsageCacheReader(undefined);
  }

  /** Opens the cache file; a missing, outdated or corrupt one is simply empty. */
  static open(path: string): UsageCacheReader {
    let fd: number;
    try {
      fd = openSync(path, "r");
    } catch {
      return UsageCacheReader.empty();
    }
    const reader = new UsageCacheReader(fd);
    try {
      const size = fstatSync(fd).size;
      const trailer = Buffer.alloc(trailerBytes);
      if (size < trailerBytes || readSync(fd, trailer, 0, trailerBytes, size - trailerBytes) !== trailerBytes)
        return reader;
      if (trailer.readUInt32LE(0) !== magic || trailer.readUInt32LE(4) !== cacheFormat) return reader;
      const indexAt = trailer.readDoubleLE(8);
      const indexLength = trailer.readDoubleLE(16);
      if (indexAt + indexLength + trailerBytes !== size) return reader;
      const index = Buffer.alloc(indexLength);
      if (readSync(fd, index, 0, indexLength, indexAt) !== indexLength) return reader;
      const files = JSON.parse(index.toString("utf8")) as Indexed[];
      if (Array.isArray(files)) for (const file of files) reader.files.set(file.path, file);
    } catch {
      reader.files.clear(); // corrupt: start empty and rebuild
    }
    return reader;
  }

  get(path: string): CachedFile | undefined {
    return this.files.get(path);
  }

  paths(): IterableIterator<string> {
    return this.files.keys();
  }

  /** The stored batches of a file (undefined when they cannot be read: the file is then read again). */
  read(path: string): CachedRecord | undefined {
    const file = this.files.get(path);
    if (!file || this.fd === undefined) return undefined;
    const length = file.entriesLength + file.tailLength;
    // A fresh ArrayBuffer: the batches' 8-byte columns must start aligned.
    const bytes = new Uint8Array(length);
    try {
      if (readSync(this.fd, bytes, 0, length, file.at) !== length) return undefined;
    } catch {
      return undefined;
    }
    return { entries: bytes.subarray(0, file.entriesLength), tail: bytes.subarray(file.entriesLength) };
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
  }
}

/** Writes a new cache file beside the old one, file by file; `finish()` puts it in place. */
export class UsageCacheWriter {
  private readonly files: Indexed[] = [];
  private offset = 0;
  private fd: number | undefined;
  private error: Error | undefined;
  private readonly temporary: string;

  constructor(private readonly path: string) {
    this.temporary = `${path}.${process.pid}.tmp`;
    try {
      mkdirSync(join(path, ".."), { recursive: true });
      this.fd = openSync(this.temporary, "w");
    } catch (error) {
      this.error = error as Error;
    }
  }

  private write(bytes: Uint8Array): void {
    if (this.fd === undefined) return;
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done);
      this.offset += bytes.length;
    } catch (error) {
      this.error = error as Error;
      this.abort();
    }
  }

  add(file: CachedFile, record: CachedRecord): void {
    if (this.fd === undefined) return;
    this.files.push({
      ...file,
      at: this.offset,
      entriesLength: record.entries.length,
      tailLength: record.tail.length,
    });
    this.write(record.entries);
    this.write(record.tail);
  }

  private abort(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {}
      this.fd = undefined;
    }
    rmSync(this.temporary, { force: true });
  }

  /** Writes the index and renames the file into place; returns the error when the cache could not be written. */
  finish(): Error | undefined {
    if (this.fd === undefined) return this.error;
    const index = Buffer.from(JSON.stringify(this.files), "utf8");
    const indexAt = this.offset;
    this.write(index);
    const trailer = Buffer.alloc(trailerBytes);
    trailer.writeUInt32LE(magic, 0);
    trailer.writeUInt32LE(cacheFormat, 4);
    trailer.writeDoubleLE(indexAt, 8);
    trailer.writeDoubleLE(index.length, 16);
    this.write(trailer);
    if (this.fd === undefined) return this.error;
    try {
      closeSync(this.fd);
      this.fd = undefined;
      renameSync(this.temporary, this.path);
      // The JSON cache of earlier versions for the same logs, now superseded.
      rmSync(this.path.replace(/\.bin$/, ".json"), { force: true });
      return undefined;
    } catch (error) {
      this.abort();
      return error as Error;
    }
  }
}
