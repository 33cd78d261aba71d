// Hook payloads and reports that arrived while the daemon was down wait in spool files (one per session,
// written by the hook client and `drover report`); the daemon reads them in order when it starts.
import { readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Logger } from "../../src/shared/logger.js";

const spooledSchema = z.union([
  z.object({ at: z.number(), hook: z.string() }),
  z.object({
    at: z.number(),
    report: z.object({
      sessionId: z.string(),
      status: z.enum(["working", "needs-input", "done"]),
      message: z.string().optional(),
    }),
  }),
]);
export type Spooled = z.output<typeof spooledSchema>;

/** Reads and removes every spooled entry, oldest file first; `sessionIdOf` maps a file back to its session. */
export function drainSpool(dir: string, log: Logger): { file: string; entries: Spooled[] }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".jsonl"));
  } catch {
    return [];
  }
  const out: { file: string; entries: Spooled[] }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    // Renamed first: a hook writing right now starts a new file instead of losing its line.
    const taken = `${path}.taken-${process.pid}`;
    try {
      renameSync(path, taken);
    } catch {
      continue;
    }
    const entries: Spooled[] = [];
    for (const line of readFileSync(taken, "utf8").split("\n")) {
      if (!line.trim()) continue;
      try {
        entries.push(spooledSchema.parse(JSON.parse(line)));
      } catch {
        log.warn({ file: name }, "skipped an unreadable spooled hook");
      }
    }
    rmSync(taken, { force: true });
    out.push({ file: name, entries });
  }
  return out;
}
