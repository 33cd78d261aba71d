// The embedded store's JSON file: loaded and validated once, written atomically (temp file, fsync, rename),
// with writes coalesced so a burst of changes costs one write.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { type StateFile, stateFileSchema } from "./embedded-state.js";
import { EmbeddedStoreFileError } from "./store-errors.js";

function leaveItAlone(file: string): string {
  return (
    `Drover has not changed it. Repair it, restore it from a backup, or move it aside ` +
    `(mv "${file}" "${file}.broken") to start with an empty store.`
  );
}

/** The file's content, or undefined when there is no file yet (or it is empty). */
export function readStateFile(file: string): StateFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new EmbeddedStoreFileError(
      `Cannot read the embedded store file ${file}: ${(error as Error).message}. Check that it is a file Drover may read.`,
      file,
      { cause: error },
    );
  }
  // Only ever written whole (rename), so an empty file was made by something else and holds nothing to keep.
  if (text.trim() === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EmbeddedStoreFileError(
      `The embedded store file ${file} is not valid JSON (${(error as Error).message}). ${leaveItAlone(file)}`,
      file,
      { cause: error },
    );
  }
  const parsed = stateFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new EmbeddedStoreFileError(
      `The embedded store file ${file} does not hold what Drover writes there:\n${z.prettifyError(parsed.error)}\n` +
        leaveItAlone(file),
      file,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/** Replaces the file in one step: a crash leaves the old content or the new, never half of each. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    // 0600: the file holds runner secret hashes and issue contents.
    const handle = await open(temp, "w", 0o600);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    const leftover = await removeTempFile(temp);
    throw new EmbeddedStoreFileError(
      `Cannot write the embedded store file ${file}: ${(error as Error).message}.${leftover} ` +
        "Check that its folder exists, is writable and the disk is not full; changes are kept in memory until then.",
      file,
      { cause: error },
    );
  }
}

/** Removes a temp file a failed write left; says so when it cannot, without hiding why the write failed. */
async function removeTempFile(temp: string): Promise<string> {
  try {
    await rm(temp, { force: true });
    return "";
  } catch (error) {
    // No folder (ENOTDIR, ENOENT): the temp file was never created.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR" || code === "ENOENT") return "";
    return ` The temp file ${temp} is left over (${(error as Error).message}); delete it.`;
  }
}

/**
 * Writes the state some milliseconds after a change, once for a burst of changes; never two writes at once.
 * A failed background write is kept (see `failure`) and retried, and flush() reports it to its caller.
 */
export class CoalescingWriter {
  /** The last background write's error, until a write succeeds. */
  failure: Error | undefined;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => string,
    private readonly delayMs = 25,
    private readonly retryMs = 1_000,
  ) {}

  changed(): void {
    this.dirty = true;
    this.schedule(this.delayMs, false);
  }

  async flush(): Promise<void> {
    this.cancelTimer();
    for (;;) {
      if (this.writing) {
        await this.writing;
        continue;
      }
      if (!this.dirty) return;
      this.dirty = false;
      this.writing = writeFileAtomically(this.file, this.snapshot()).then(
        () => {
          this.writing = undefined;
          this.failure = undefined;
        },
        (error: Error) => {
          this.writing = undefined;
          this.dirty = true;
          throw error;
        },
      );
    }
  }

  /** Stops the timer; what is not flushed yet stays unwritten. */
  cancelTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number, isRetry: boolean): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((error: Error) => {
        this.failure = error;
        this.schedule(this.retryMs, true);
      });
    }, delayMs);
    // A retry must not keep the process alive on its own; a first write should, so exiting does not lose it.
    if (isRetry) this.timer.unref();
  }
}
