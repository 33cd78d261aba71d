// The per-file cache: what each log file held, keyed by (path, size, mtime, offset), kept between runs.
//
// A rerun reads nothing from a file whose size and mtime are unchanged, and only the bytes after the cached
// offset of a file that grew (agents append to their transcripts). A file that shrank, or whose bytes
// before the offset changed, is read again from the start. Entries are stored packed (entry-codec.ts) as
// JSON and unpacked only for the files a report needs; the file is replaced atomically, so a crashed or
// concurrent run never leaves a torn cache.
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { type PackedEntry, packEntries, unpackEntries } from "./entry-codec.js";
import type { CodexFileState } from "./scan-codex-file.js";
import type { AgentKind, UsageEntry } from "./types.js";

/** Bump when parsing rules change: older caches are then ignored and every file is read again. */
export const cacheFormat = 5;

export interface CachedFile {
  agent: AgentKind;
  path: string;
  size: number;
  mtimeMs: number;
  /** Bytes of complete lines already parsed; an incremental read starts here. */
  completeOffset: number;
  /** The bytes just before `completeOffset` (hex): if they changed, the file was rewritten, not appended to. */
  probe: string;
  entries: UsageEntry[];
  malformed: number;
  /** From a last line without a newline: valid only while size and mtime are unchanged. */
  tailEntries: UsageEntry[];
  tailMalformed: number;
  codexState?: CodexFileState;
}

type StoredFile = Omit<CachedFile, "entries" | "tailEntries"> & {
  entries: PackedEntry[];
  tailEntries: PackedEntry[];
};

interface CacheFileContent {
  format: number;
  files: StoredFile[];
}

/** `$XDG_CACHE_HOME/drover/cost`, default ~/.cache/drover/cost. */
export function defaultCacheDir(
  env: Record<string, string | undefined> = process.env,
  home = homedir(),
): string {
  return join(env.XDG_CACHE_HOME || join(home, ".cache"), "drover", "cost");
}

export class UsageCache {
  private readonly stored = new Map<string, StoredFile>();
  private readonly fresh = new Map<string, CachedFile>();
  private dirty = false;

  private constructor(readonly path: string | undefined) {}

  /** A cache that keeps nothing (`--no-cache`). */
  static disabled(): UsageCache {
    return new UsageCache(undefined);
  }

  /** Opens the cache for this set of log roots; an unreadable or outdated cache is simply empty. */
  static open(dir: string, roots: readonly string[]): UsageCache {
    const key = createHash("sha256").update(roots.join("\n")).digest("hex").slice(0, 16);
    const cache = new UsageCache(join(dir, `usage-${key}.json`));
    try {
      const content = JSON.parse(readFileSync(cache.path!, "utf8")) as CacheFileContent;
      if (content?.format === cacheFormat && Array.isArray(content.files)) {
        for (const file of content.files) cache.stored.set(file.path, file);
      }
    } catch {
      // Missing or corrupt: start empty and rebuild.
    }
    return cache;
  }

  get enabled(): boolean {
    return this.path !== undefined;
  }

  get(path: string): CachedFile | undefined {
    const fresh = this.fresh.get(path);
    if (fresh) return fresh;
    const stored = this.stored.get(path);
    if (!stored) return undefined;
    const file = {
      ...stored,
      entries: unpackEntries(stored.entries),
      tailEntries: unpackEntries(stored.tailEntries),
    };
    this.fresh.set(path, file);
    return file;
  }

  set(file: CachedFile): void {
    if (!this.enabled) return;
    this.fresh.set(file.path, file);
    this.stored.delete(file.path);
    this.dirty = true;
  }

  /** Forgets files that no longer exist so the cache does not grow forever. */
  retainOnly(paths: ReadonlySet<string>): void {
    for (const map of [this.stored, this.fresh]) {
      for (const path of map.keys()) {
        if (!paths.has(path)) {
          map.delete(path);
          this.dirty = true;
        }
      }
    }
  }

  /** Writes the cache if anything changed; returns the error when it could not (the next run then rereads). */
  save(): Error | undefined {
    if (!this.path || !this.dirty) return undefined;
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(join(this.path, ".."), { recursive: true });
      // Written file by file: one JSON string of a 1 GB corpus's entries would be tens of megabytes at once.
      const fd = openSync(temporary, "w");
      try {
        writeSync(fd, `{"format":${cacheFormat},"files":[`);
        let first = true;
        const write = (file: StoredFile) => {
          writeSync(fd, (first ? "" : ",") + JSON.stringify(file));
          first = false;
        };
        for (const file of this.stored.values()) write(file);
        for (const file of this.fresh.values()) {
          write({ ...file, entries: packEntries(file.entries), tailEntries: packEntries(file.tailEntries) });
        }
        writeSync(fd, "]}");
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, this.path);
      this.dirty = false;
      return undefined;
    } catch (error) {
      rmSync(temporary, { force: true });
      return error as Error;
    }
  }
}
