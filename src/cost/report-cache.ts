// Remembers the last finished reports, keyed by everything they depend on, so an unchanged rerun is instant.
//
// The key covers every log file's (path, size, mtime), the report options, the price table and the links
// file: any change to one of them is a different key, and the report is rebuilt from the per-file cache.
// One small file per report (`reports/<key>.json`): a rerun reads only its own, a new report writes only
// its own. Only the most recent reports are kept.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const keep = 16;
const format = 2;

interface Stored {
  format: number;
  value: unknown;
}

/** A stable key for any JSON-able description of a report's inputs. */
export function reportKey(inputs: unknown): string {
  return createHash("sha256").update(JSON.stringify(inputs)).digest("hex");
}

export class ReportCache {
  private constructor(private readonly dir: string | undefined) {}

  static disabled(): ReportCache {
    return new ReportCache(undefined);
  }

  static open(dir: string): ReportCache {
    return new ReportCache(join(dir, "reports"));
  }

  get<T>(key: string): T | undefined {
    if (!this.dir) return undefined;
    try {
      const stored = JSON.parse(readFileSync(join(this.dir, `${key}.json`), "utf8")) as Stored;
      return stored.format === format ? (stored.value as T) : undefined;
    } catch {
      return undefined; // not remembered, or unreadable
    }
  }

  /** Stores a report atomically and forgets the oldest; returns the error when it could not be written. */
  set(key: string, value: unknown): Error | undefined {
    if (!this.dir) return undefined;
    const path = join(this.dir, `${key}.json`);
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(temporary, JSON.stringify({ format, value } satisfies Stored));
      renameSync(temporary, path);
      this.prune();
      rmSync(join(this.dir, "..", "reports.json"), { force: true }); // the single file of earlier versions
      return undefined;
    } catch (error) {
      rmSync(temporary, { force: true });
      return error as Error;
    }
  }

  private prune(): void {
    const files = readdirSync(this.dir!).filter((name) => name.endsWith(".json"));
    if (files.length <= keep) return;
    const byAge = files
      .map((name) => {
        try {
          return { name, mtimeMs: statSync(join(this.dir!, name)).mtimeMs };
        } catch {
          return { name, mtimeMs: 0 };
        }
      })
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const { name } of byAge.slice(keep)) rmSync(join(this.dir!, name), { force: true });
  }
}
