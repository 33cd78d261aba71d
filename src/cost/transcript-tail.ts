// Live cost of one running agent session: reads only the lines appended since the last call.
//
// The runner calls `readNew()` every 30 s while an agent works. Each call reads the bytes added to the
// transcript (and, for Claude, to the session's `subagents/*.jsonl` files) since the previous call, never
// a line still being written, and returns the session's running totals after de-duplication (Claude
// writes one line per content block of a response: only the most complete copy counts). A transcript that
// was replaced or shrank is read again from the start and the result says `reset`.
import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { calculateCost } from "./calculate-cost.js";
import { batchEntries } from "./entry-batch.js";
import { createPriceLookup, type PriceLookup } from "./find-model-price.js";
import { parseClaudeLine } from "./parse-claude-line.js";
import { loadPriceTable, type PriceTable } from "./price-table.js";
import { scanClaudeFile } from "./scan-claude-file.js";
import { type CodexFileState, scanCodexFile } from "./scan-codex-file.js";
import { RowAccumulator } from "./summarize-entries.js";
import type { AgentKind, CostMode, ModelBreakdown, UsageEntry, UsageTotals } from "./types.js";

export interface TranscriptTailOptions {
  /** Default: `codex` for `rollout-*.jsonl` files, else `claude`. */
  agent?: AgentKind;
  mode?: CostMode;
  priceTable?: PriceTable;
  /** Claude: also follow `<session>/subagents/*.jsonl` next to the transcript (default true). */
  includeSubagents?: boolean;
}

export interface TailEntry {
  entry: UsageEntry;
  cost: number;
  /** True when the model has no known price (its cost counts as 0). */
  unpriced: boolean;
  file: string;
}

export interface TailUpdate {
  /** Entries that counted for the first time, or replaced a less complete copy, in this call. */
  entries: TailEntry[];
  /** How much the session's total cost changed in this call (USD). */
  costDelta: number;
  /** The session so far. */
  totals: UsageTotals;
  models: ModelBreakdown[];
  /** Lines skipped as malformed so far. */
  malformedLines: number;
  bytesRead: number;
  /** True when a file was replaced or truncated and the totals were rebuilt from the start. */
  reset: boolean;
}

interface FileState {
  offset: number;
  size: number;
  mtimeMs: number;
  probe: string;
  malformed: number;
  codex: CodexFileState;
}

const probeOf = (path: string, end: number): string => {
  const start = Math.max(0, end - 64);
  if (end === 0) return "";
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(end - start);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, start)).toString("hex");
  } finally {
    closeSync(fd);
  }
};

const totalTokens = (e: UsageEntry) =>
  e.usage.inputTokens +
  e.usage.outputTokens +
  e.usage.cacheWrite5mTokens +
  e.usage.cacheWrite1hTokens +
  e.usage.cacheReadTokens;

export class TranscriptTail {
  readonly agent: AgentKind;
  private readonly mode: CostMode;
  private readonly prices: PriceLookup;
  private readonly includeSubagents: boolean;
  private files = new Map<string, FileState>();
  /** The surviving copy of each response, by (message id, request id). */
  private counted = new Map<string, TailEntry>();
  private unkeyed: TailEntry[] = [];

  constructor(
    readonly path: string,
    options: TranscriptTailOptions = {},
  ) {
    this.agent = options.agent ?? (basename(path).startsWith("rollout-") ? "codex" : "claude");
    this.mode = options.mode ?? "auto";
    this.prices = createPriceLookup(options.priceTable ?? loadPriceTable());
    this.includeSubagents = options.includeSubagents ?? this.agent === "claude";
  }

  /** The transcript and, for Claude, its subagents' files that exist now. */
  private currentFiles(): string[] {
    const files = [this.path];
    if (!this.includeSubagents) return files;
    const dir = join(dirname(this.path), basename(this.path, ".jsonl"), "subagents");
    try {
      for (const name of readdirSync(dir).sort()) if (name.endsWith(".jsonl")) files.push(join(dir, name));
    } catch {
      // No subagent has run yet.
    }
    return files;
  }

  private reset(): void {
    this.files = new Map();
    this.counted = new Map();
    this.unkeyed = [];
  }

  /** Reads what was appended since the last call. Throws when the transcript itself cannot be read. */
  async readNew(): Promise<TailUpdate> {
    const before = this.totalCost();
    let reset = false;
    let bytesRead = 0;
    const fresh: TailEntry[] = [];
    for (let pass = 0; pass < 2; pass++) {
      let replaced = false;
      for (const file of this.currentFiles()) {
        let info: { size: number; mtimeMs: number };
        try {
          info = statSync(file);
        } catch (error) {
          if (file === this.path) throw error;
          continue; // a subagent file that vanished
        }
        const state = this.files.get(file);
        if (state && state.size === info.size && state.mtimeMs === info.mtimeMs) continue;
        if (state && (info.size < state.offset || probeOf(file, state.offset) !== state.probe)) {
          replaced = true; // rewritten, not appended to: start over
          break;
        }
        const from = state?.offset ?? 0;
        const codex = state?.codex ?? {};
        const scan =
          this.agent === "codex"
            ? scanCodexFile(file, from, codex)
            : scanClaudeFile(file, from, parseClaudeLine);
        bytesRead += scan.bytesRead;
        this.files.set(file, {
          offset: scan.completeOffset,
          size: info.size,
          mtimeMs: info.mtimeMs,
          probe: scan.probe,
          malformed: (state?.malformed ?? 0) + scan.malformed,
          codex: "state" in scan ? (scan.state as CodexFileState) : codex,
        });
        for (const entry of batchEntries(scan.entries)) {
          if (entry.kind !== "direct" || !entry.generalOk) continue; // progress copies: the subagent file counts
          const counted = this.count(entry, file);
          if (counted) fresh.push(counted);
        }
      }
      if (!replaced) break;
      this.reset();
      fresh.length = 0;
      reset = true;
    }
    const summary = new RowAccumulator();
    for (const item of this.all()) summary.add(item);
    const row = summary.toRow();
    return {
      entries: fresh,
      costDelta: reset ? row.totalCost : row.totalCost - before,
      totals: {
        inputTokens: row.inputTokens,
        outputTokens: row.outputTokens,
        cacheCreationTokens: row.cacheCreationTokens,
        cacheReadTokens: row.cacheReadTokens,
        totalTokens: row.totalTokens,
        totalCost: row.totalCost,
      },
      models: row.modelBreakdowns,
      malformedLines: [...this.files.values()].reduce((sum, f) => sum + f.malformed, 0),
      bytesRead,
      reset,
    };
  }

  private all(): TailEntry[] {
    return [...this.counted.values(), ...this.unkeyed];
  }

  private totalCost(): number {
    return this.all().reduce((sum, e) => sum + e.cost, 0);
  }

  /** Counts an entry unless a more complete copy of the same response already counts. */
  private count(entry: UsageEntry, file: string): TailEntry | undefined {
    const item: TailEntry = { entry, file, ...calculateCost(entry, this.mode, this.prices) };
    if (entry.messageId === undefined) {
      this.unkeyed.push(item);
      return item;
    }
    const key = `${entry.messageId}\0${entry.requestId ?? ""}`;
    const existing = this.counted.get(key);
    if (existing) {
      const better =
        existing.entry.isSidechain !== entry.isSidechain
          ? existing.entry.isSidechain
          : totalTokens(entry) > totalTokens(existing.entry);
      if (!better) return undefined;
    }
    this.counted.set(key, item);
    return item;
  }
}

/** Starts following one agent transcript; call `readNew()` on it as often as needed. */
export function openTranscriptTail(path: string, options: TranscriptTailOptions = {}): TranscriptTail {
  return new TranscriptTail(path, options);
}
