// Files the runner must never leave half-written (its state, its event cursor): written beside the target and
// renamed over it, so a crash leaves either the old or the new content.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { z } from "zod";
import { formatIssues } from "../../src/config/format-issues.js";

export function writeFileAtomic(path: string, content: string, mode = 0o600): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temp, content, { mode });
  renameSync(temp, path);
}

export function writeJsonAtomic(path: string, value: unknown, mode = 0o600): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, mode);
}

/** JSON.parse that answers undefined for text that is not JSON (a torn last line, a damaged spool entry). */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class RunnerFileError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = "RunnerFileError";
  }
}

/** The file's content checked against `schema`; `fallback()` when it does not exist. */
export function readJsonFile<T extends z.ZodType>(
  path: string,
  schema: T,
  fallback: () => z.output<T>,
): z.output<T> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return fallback();
    throw new RunnerFileError(`cannot read ${path}: ${(error as Error).message}`, path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RunnerFileError(
      `${path} is not valid JSON (${(error as Error).message}); fix or remove it`,
      path,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new RunnerFileError(
      `${path} is not valid:\n${formatIssues(parsed.error)}\nFix or remove it.`,
      path,
    );
  return parsed.data;
}
