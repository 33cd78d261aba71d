// Remembers the last finished reports, keyed by everything they depend on, so an unchanged rerun is instant.
//
// The key covers every log file's (path, size, mtime), the report options, the price table and the links
// file: any change to one of them is a different key, and the report is rebuilt from the per-file cache.
// Only the most recent reports are kept.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const keep = 16;
const format = 1;

interface Stored {
  format: number;
  reports: { key: string; value: unknown }[];
}

/** A stable key for any JSON-able description of a report's inputs. */
export function reportKey(inputs: unknown): string {
  return createHash("sha256").update(JSON.stringify(inputs)).digest("hex");
}

export class ReportCache {
  private reports: { key: string; value: unknown }[] = [];

  private constructor(private readonly path: string | undefined) {}

  static disabled(): ReportCache {
    return new ReportCache(undefined);
  }

  static open(dir: string): ReportCache {
    const cache = new ReportCache(join(dir, "reports.json"));
    try {
      const stored = JSON.parse(readFileSync(cache.path!, "utf8")) as Stored;
      if (stored.format === format && Array.isArray(stored.reports)) cache.reports = stored.reports;
    } catch {
      // Missing or unreadable: nothing remembered yet.
    }
    return cache;
  }

  get<T>(key: string): T | undefined {
    return this.reports.find((r) => r.key === key)?.value as T | undefined;
  }

  /** Stores a report and writes the file atomically; returns the error when it could not be written. */
  set(key: string, value: unknown): Error | undefined {
    if (!this.path) return undefined;
    this.reports = [{ key, value }, ...this.reports.filter((r) => r.key !== key)].slice(0, keep);
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(join(this.path, ".."), { recursive: true });
      writeFileSync(temporary, JSON.stringify({ format, reports: this.reports } satisfies Stored));
      renameSync(temporary, this.path);
      return undefined;
    } catch (error) {
      rmSync(temporary, { force: true });
      return error as Error;
    }
  }
}
