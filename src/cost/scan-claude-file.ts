// Reads the usage entries of one Claude Code transcript from a byte offset on, into entry batches.
//
// Each line holding the usage marker goes to the byte-level fast reader; the few it is unsure about go to
// parseClaudeLine (JSON.parse and zod). Worker threads pass no slow parser — loading zod there would cost
// more than their whole share of a typical read — and hand those lines back as `deferred`, to be parsed
// where the scan is collected (resolveDeferred) and put in their place.
import { claudeLineBytes, claudeUsageMarker } from "./claude-line-text.js";
import { type EntryBatch, EntryBatchBuilder, entryFlags, insertEntries, tokenFields } from "./entry-batch.js";
import { fastLine, fastVerdict, readClaudeLine } from "./fast-claude-line.js";
import type { ClaudeLineResult } from "./parse-claude-line.js";
import { marker, scanLines } from "./scan-lines.js";

const markers = [marker(claudeUsageMarker)];

export type SlowLineParser = (text: string) => ClaudeLineResult;

/** A line left to the slow parser: its entries go before row `row` of `entries` (or of `tail`). */
export interface DeferredLine {
  row: number;
  tail: boolean;
  text: string;
  validUtf8: boolean;
}

/** What one read of a log file produced; `tail*` come from a last line without a newline and are provisional. */
export interface FileScan {
  entries: EntryBatch;
  malformed: number;
  tail: EntryBatch;
  tailMalformed: number;
  completeOffset: number;
  bytesRead: number;
  /** The bytes before `completeOffset` (hex; see ScanLinesResult). */
  probe: string;
  deferred: DeferredLine[];
}

/** Interns the string at `bytes[start, end)` (plain ASCII), remembering the last one: they repeat. */
class StringCache {
  private last = Buffer.alloc(0);
  private lastIndex = 0;

  constructor(private readonly builder: EntryBatchBuilder) {}

  index(bytes: Buffer, start: number, end: number): number {
    const length = end - start;
    const last = this.last;
    if (length === last.length) {
      let same = true;
      for (let i = 0; i < length; i++) {
        if (bytes[start + i] !== last[i]) {
          same = false;
          break;
        }
      }
      if (same) return this.lastIndex;
    }
    this.last = Buffer.from(bytes.subarray(start, end));
    this.lastIndex = this.builder.intern(bytes.toString("latin1", start, end));
    return this.lastIndex;
  }
}

class Collector {
  readonly builder = new EntryBatchBuilder();
  malformed = 0;
  private readonly models: StringCache;
  private readonly sessions: StringCache;
  private fastModel = new Map<number, number>();

  constructor() {
    this.models = new StringCache(this.builder);
    this.sessions = new StringCache(this.builder);
  }

  /** Adds the entry the fast reader found in `bytes`. */
  addFast(bytes: Buffer, validUtf8: boolean): void {
    const into = this.builder;
    const f = fastLine.fields;
    const row = into.addRow();
    into.ts[row] = fastLine.timestamp;
    const t = row * tokenFields;
    const tokens = into.tokens;
    tokens[t] = f.input;
    tokens[t + 1] = f.output;
    // The 5m/1h split wins when present; the flat field is what older lines have (priced as 5m writes).
    if (f.bucketsObject) {
      tokens[t + 2] = f.write5m < 0 ? 0 : f.write5m;
      tokens[t + 3] = f.write1h < 0 ? 0 : f.write1h;
    } else {
      tokens[t + 2] = f.flatWrite < 0 ? 0 : f.flatWrite;
      tokens[t + 3] = 0;
    }
    tokens[t + 4] = f.read < 0 ? 0 : f.read;
    if (f.costSeen) into.cost[row] = f.cost;
    if (f.modelStart >= 0) {
      const pricing = this.models.index(bytes, f.modelStart, f.modelEnd);
      into.pricingModel[row] = pricing;
      into.model[row] = this.displayModel(pricing, f.fast);
    }
    const top = fastLine.top;
    if (top.sessionStart >= 0)
      into.session[row] = this.sessions.index(bytes, top.sessionStart, top.sessionEnd);
    if (f.idStart >= 0) {
      into.msgStart[row] = into.addIdBytes(bytes, f.idStart, f.idEnd);
      into.msgLength[row] = f.idEnd - f.idStart;
    }
    if (f.requestStart >= 0) {
      into.reqStart[row] = into.addIdBytes(bytes, f.requestStart, f.requestEnd);
      into.reqLength[row] = f.requestEnd - f.requestStart;
    }
    into.flags[row] =
      (f.fast ? entryFlags.fast : 0) |
      (f.sidechain ? entryFlags.sidechain : 0) |
      (fastLine.progress ? entryFlags.progress : 0) |
      (fastLine.generalOk ? entryFlags.generalOk : 0) |
      (validUtf8 ? entryFlags.dailyOk : 0);
  }

  /** `<synthetic>` (API errors) counts under no model; fast mode is shown as `<model>-fast`. */
  private displayModel(pricing: number, fast: boolean): number {
    const key = fast ? -pricing : pricing;
    let model = this.fastModel.get(key);
    if (model === undefined) {
      const name = this.builder.strings[pricing - 1]!;
      model = name === "<synthetic>" ? 0 : fast ? this.builder.intern(`${name}-fast`) : pricing;
      this.fastModel.set(key, model);
    }
    return model;
  }

  addSlow(result: ClaudeLineResult, validUtf8: boolean): void {
    if (result.kind === "usage") {
      for (const entry of result.entries)
        this.builder.addEntry(validUtf8 ? entry : { ...entry, dailyOk: false });
    } else if (result.kind === "malformed") this.malformed++;
  }
}

/**
 * Scans `path` from `fromOffset`. Without `slow`, lines the fast reader is unsure about are returned in
 * `deferred` (call resolveDeferred before using the entries).
 */
export function scanClaudeFile(path: string, fromOffset: number, slow?: SlowLineParser): FileScan {
  const complete = new Collector();
  const tail = new Collector();
  const deferred: DeferredLine[] = [];
  const result = scanLines(path, fromOffset, markers, (data, start, end, partial) => {
    const into = partial ? tail : complete;
    const { bytes, length, validUtf8 } = claudeLineBytes(data, start, end);
    const verdict = readClaudeLine(bytes, length);
    if (verdict === fastVerdict.entry) into.addFast(bytes, validUtf8);
    else if (verdict === fastVerdict.malformed) into.malformed++;
    else if (verdict === fastVerdict.unsure) {
      const text = bytes.toString("utf8", 0, length);
      if (slow) into.addSlow(slow(text), validUtf8);
      else deferred.push({ row: into.builder.count, tail: partial, text, validUtf8 });
    }
  });
  return {
    entries: complete.builder.finish(),
    malformed: complete.malformed,
    tail: tail.builder.finish(),
    tailMalformed: tail.malformed,
    completeOffset: result.completeOffset,
    bytesRead: result.bytesRead,
    probe: result.probe,
    deferred,
  };
}

/** Parses the deferred lines of a scan with `slow` and puts their entries in place. */
export function resolveDeferred(scan: FileScan, slow: SlowLineParser): FileScan {
  if (scan.deferred.length === 0) return scan;
  const merge = (batch: EntryBatch, lines: DeferredLine[]): [EntryBatch, number] => {
    let malformed = 0;
    const insertions = lines.map(({ row, text, validUtf8 }) => {
      const result = slow(text);
      if (result.kind === "malformed") malformed++;
      const entries = result.kind === "usage" ? result.entries : [];
      return { row, entries: validUtf8 ? entries : entries.map((e) => ({ ...e, dailyOk: false })) };
    });
    return [insertEntries(batch, insertions), malformed];
  };
  const [entries, malformed] = merge(
    scan.entries,
    scan.deferred.filter((d) => !d.tail),
  );
  const [tail, tailMalformed] = merge(
    scan.tail,
    scan.deferred.filter((d) => d.tail),
  );
  return {
    ...scan,
    entries,
    tail,
    malformed: scan.malformed + malformed,
    tailMalformed: scan.tailMalformed + tailMalformed,
    deferred: [],
  };
}
