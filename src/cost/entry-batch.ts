// The usage entries of one log file in columns: compact in memory, one transferable buffer between threads,
// and the same bytes in the on-disk cache.
//
// A JS object per entry costs ~400 bytes and makes every later step (transfer, caching, de-duplication)
// walk the heap; here an entry is ~90 bytes of typed arrays plus its two ids. Model names and session ids
// repeat line after line, so each batch keeps them once in a small string table; message and request ids
// are unique-ish and stay as raw bytes in a pool (compared as bytes, decoded only when asked for).
import type { AgentKind, UsageEntry } from "./types.js";

/** Length marking an absent message or request id. */
export const noId = 0xffffffff;

export const entryFlags = {
  fast: 1,
  sidechain: 2,
  progress: 4,
  generalOk: 8,
  dailyOk: 16,
  codex: 32,
} as const;

/**
 * Index of the five token counts of entry `i` in `tokens`: `i * tokenFields + field`, the fields in this order:
 * input, output, 5-minute cache write, 1-hour cache write, cache read.
 */
export const tokenFields = 5;

/** A marker byte no UTF-8 text contains: ids that are not well-formed Unicode are stored as UTF-16 after it. */
const utf16Marker = 0xff;

export interface EntryBatch {
  count: number;
  ts: Float64Array;
  tokens: Float64Array;
  /** Recorded `costUSD`, NaN when the line has none. */
  cost: Float64Array;
  /** Codex reasoning tokens (already part of output); NaN for Claude entries. */
  reasoning: Float64Array;
  /** 1 + index into `strings`, 0 when absent. */
  model: Uint32Array;
  pricingModel: Uint32Array;
  session: Uint32Array;
  msgStart: Uint32Array;
  /** `noId` when the entry has no message id. */
  msgLength: Uint32Array;
  reqStart: Uint32Array;
  reqLength: Uint32Array;
  flags: Uint8Array;
  strings: string[];
  pool: Uint8Array;
}

let none: EntryBatch | undefined;

/** A batch without entries (shared: batches are never changed once built). */
export function emptyBatch(): EntryBatch {
  none ??= new EntryBatchBuilder(0).finish();
  return none;
}

/** With the `u` flag a surrogate pair is one code point: only lone surrogates match. */
const loneSurrogate = /\p{Surrogate}/u;

/** Encodes an id string as the bytes the pool keeps (lossless, also for lone surrogates). */
export function idBytes(id: string): Buffer {
  if (!loneSurrogate.test(id)) return Buffer.from(id, "utf8");
  const bytes = Buffer.alloc(1 + id.length * 2);
  bytes[0] = utf16Marker;
  bytes.write(id, 1, "utf16le");
  return bytes;
}

export function idText(pool: Uint8Array, start: number, length: number): string {
  const bytes = Buffer.from(pool.buffer, pool.byteOffset + start, length);
  return length > 0 && bytes[0] === utf16Marker
    ? bytes.toString("utf16le", 1, length)
    : bytes.toString("utf8", 0, length);
}

function grow<T extends Float64Array | Uint32Array | Uint8Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** Shared empty columns (never written: `grow` replaces them). */
const noFloats = new Float64Array(0);
const noInts = new Uint32Array(0);
const noBytes = new Uint8Array(0);

/** Appends entries; `finish()` hands out the columns (views, no copy). */
export class EntryBatchBuilder {
  count = 0;
  ts: Float64Array;
  tokens: Float64Array;
  cost: Float64Array;
  reasoning: Float64Array;
  model: Uint32Array;
  pricingModel: Uint32Array;
  session: Uint32Array;
  msgStart: Uint32Array;
  msgLength: Uint32Array;
  reqStart: Uint32Array;
  reqLength: Uint32Array;
  flags: Uint8Array;
  pool: Uint8Array;
  poolLength = 0;
  readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();

  /** Columns are allocated on the first entry: most files (and most provisional tails) have few or none. */
  constructor(private readonly capacity = 32) {
    this.ts = noFloats;
    this.tokens = noFloats;
    this.cost = noFloats;
    this.reasoning = noFloats;
    this.model = noInts;
    this.pricingModel = noInts;
    this.session = noInts;
    this.msgStart = noInts;
    this.msgLength = noInts;
    this.reqStart = noInts;
    this.reqLength = noInts;
    this.flags = noBytes;
    this.pool = noBytes;
  }

  /** 1 + the index of `text` in the string table (added when new); 0 for undefined. */
  intern(text: string | undefined): number {
    if (text === undefined) return 0;
    let index = this.stringIndex.get(text);
    if (index === undefined) {
      this.strings.push(text);
      index = this.strings.length;
      this.stringIndex.set(text, index);
    }
    return index;
  }

  /** Starts a new entry (all fields zero/absent) and returns its row. */
  addRow(): number {
    const row = this.count;
    if (row === this.ts.length) {
      const size = Math.max(this.capacity, row * 2);
      this.ts = grow(this.ts, size);
      this.tokens = grow(this.tokens, size * tokenFields);
      this.cost = grow(this.cost, size);
      this.reasoning = grow(this.reasoning, size);
      this.model = grow(this.model, size);
      this.pricingModel = grow(this.pricingModel, size);
      this.session = grow(this.session, size);
      this.msgStart = grow(this.msgStart, size);
      this.msgLength = grow(this.msgLength, size);
      this.reqStart = grow(this.reqStart, size);
      this.reqLength = grow(this.reqLength, size);
      this.flags = grow(this.flags, size);
    }
    this.count = row + 1;
    this.cost[row] = Number.NaN;
    this.reasoning[row] = Number.NaN;
    this.msgLength[row] = noId;
    this.reqLength[row] = noId;
    this.model[row] = 0;
    this.pricingModel[row] = 0;
    this.session[row] = 0;
    this.flags[row] = 0;
    return row;
  }

  /** Copies `source[start, end)` into the id pool; returns where it starts. */
  addIdBytes(source: Uint8Array, start: number, end: number): number {
    const at = this.poolLength;
    const length = end - start;
    if (at + length > this.pool.length) this.pool = grow(this.pool, Math.max(at + length, 1024));
    const pool = this.pool;
    if (length <= 64) for (let i = 0; i < length; i++) pool[at + i] = source[start + i]!;
    else pool.set(source.subarray(start, end), at);
    this.poolLength = at + length;
    return at;
  }

  private setId(row: number, id: string | undefined, starts: Uint32Array, lengths: Uint32Array): void {
    if (id === undefined) return;
    const bytes = idBytes(id);
    starts[row] = this.addIdBytes(bytes, 0, bytes.length);
    lengths[row] = bytes.length;
  }

  /** Appends an entry given as an object (the slow path, Codex, tests). */
  addEntry(entry: UsageEntry): void {
    const row = this.addRow();
    this.ts[row] = entry.timestamp;
    const t = row * tokenFields;
    const u = entry.usage;
    this.tokens[t] = u.inputTokens;
    this.tokens[t + 1] = u.outputTokens;
    this.tokens[t + 2] = u.cacheWrite5mTokens;
    this.tokens[t + 3] = u.cacheWrite1hTokens;
    this.tokens[t + 4] = u.cacheReadTokens;
    if (entry.costUSD !== undefined) this.cost[row] = entry.costUSD;
    if (entry.reasoningOutputTokens !== undefined) this.reasoning[row] = entry.reasoningOutputTokens;
    this.model[row] = this.intern(entry.model);
    this.pricingModel[row] = this.intern(entry.pricingModel);
    this.session[row] = this.intern(entry.sessionIdField);
    this.setId(row, entry.messageId, this.msgStart, this.msgLength);
    this.setId(row, entry.requestId, this.reqStart, this.reqLength);
    this.flags[row] =
      (entry.fast ? entryFlags.fast : 0) |
      (entry.isSidechain ? entryFlags.sidechain : 0) |
      (entry.kind === "progress" ? entryFlags.progress : 0) |
      (entry.generalOk ? entryFlags.generalOk : 0) |
      (entry.dailyOk ? entryFlags.dailyOk : 0) |
      (entry.agent === "codex" ? entryFlags.codex : 0);
  }

  /** Appends every entry of `batch` (its strings re-interned here). */
  addBatch(batch: EntryBatch): void {
    for (let i = 0; i < batch.count; i++) this.addBatchRow(batch, i);
  }

  /** Appends entry `i` of `batch`. */
  addBatchRow(batch: EntryBatch, i: number): void {
    const row = this.addRow();
    this.ts[row] = batch.ts[i]!;
    this.tokens.set(batch.tokens.subarray(i * tokenFields, (i + 1) * tokenFields), row * tokenFields);
    this.cost[row] = batch.cost[i]!;
    this.reasoning[row] = batch.reasoning[i]!;
    this.model[row] = this.intern(batch.strings[batch.model[i]! - 1]);
    this.pricingModel[row] = this.intern(batch.strings[batch.pricingModel[i]! - 1]);
    this.session[row] = this.intern(batch.strings[batch.session[i]! - 1]);
    const msgLength = batch.msgLength[i]!;
    this.msgLength[row] = msgLength;
    if (msgLength !== noId) {
      const from = batch.msgStart[i]!;
      this.msgStart[row] = this.addIdBytes(batch.pool, from, from + msgLength);
    }
    const reqLength = batch.reqLength[i]!;
    this.reqLength[row] = reqLength;
    if (reqLength !== noId) {
      const from = batch.reqStart[i]!;
      this.reqStart[row] = this.addIdBytes(batch.pool, from, from + reqLength);
    }
    this.flags[row] = batch.flags[i]!;
  }

  finish(): EntryBatch {
    const n = this.count;
    return {
      count: n,
      ts: this.ts.subarray(0, n),
      tokens: this.tokens.subarray(0, n * tokenFields),
      cost: this.cost.subarray(0, n),
      reasoning: this.reasoning.subarray(0, n),
      model: this.model.subarray(0, n),
      pricingModel: this.pricingModel.subarray(0, n),
      session: this.session.subarray(0, n),
      msgStart: this.msgStart.subarray(0, n),
      msgLength: this.msgLength.subarray(0, n),
      reqStart: this.reqStart.subarray(0, n),
      reqLength: this.reqLength.subarray(0, n),
      flags: this.flags.subarray(0, n),
      strings: this.strings,
      pool: this.pool.subarray(0, this.poolLength),
    };
  }
}

/**
 * `batch` with `entries` inserted before the given rows (ascending; `batch.count` appends): whole runs of
 * rows are copied column by column, so a few insertions into a big batch stay cheap.
 */
export function insertEntries(
  batch: EntryBatch,
  insertions: readonly { row: number; entries: UsageEntry[] }[],
): EntryBatch {
  const added = insertions.reduce((sum, insertion) => sum + insertion.entries.length, 0);
  if (added === 0) return batch;
  const extra = new EntryBatchBuilder(added);
  for (const insertion of insertions) for (const entry of insertion.entries) extra.addEntry(entry);
  const inserted = extra.finish();
  // The extra entries' strings and ids go after the batch's own.
  const strings = [...batch.strings];
  const stringIndex = new Map(strings.map((text, i) => [text, i + 1]));
  const remap = inserted.strings.map((text) => {
    let index = stringIndex.get(text);
    if (index === undefined) {
      strings.push(text);
      index = strings.length;
      stringIndex.set(text, index);
    }
    return index;
  });
  const pool = new Uint8Array(batch.pool.length + inserted.pool.length);
  pool.set(batch.pool);
  pool.set(inserted.pool, batch.pool.length);
  const n = batch.count + added;
  const out: EntryBatch = {
    count: n,
    ts: new Float64Array(n),
    tokens: new Float64Array(n * tokenFields),
    cost: new Float64Array(n),
    reasoning: new Float64Array(n),
    model: new Uint32Array(n),
    pricingModel: new Uint32Array(n),
    session: new Uint32Array(n),
    msgStart: new Uint32Array(n),
    msgLength: new Uint32Array(n),
    reqStart: new Uint32Array(n),
    reqLength: new Uint32Array(n),
    flags: new Uint8Array(n),
    strings,
    pool,
  };
  const columns = [
    "ts",
    "cost",
    "reasoning",
    "model",
    "pricingModel",
    "session",
    "msgStart",
    "msgLength",
    "reqStart",
    "reqLength",
    "flags",
  ] as const;
  /** Copies rows [from, to) of `source` to row `at` of `out`. */
  const copy = (source: EntryBatch, from: number, to: number, at: number) => {
    for (const column of columns) out[column].set(source[column].subarray(from, to), at);
    out.tokens.set(source.tokens.subarray(from * tokenFields, to * tokenFields), at * tokenFields);
  };
  let at = 0;
  let from = 0;
  let next = 0;
  for (const insertion of insertions) {
    copy(batch, from, insertion.row, at);
    at += insertion.row - from;
    from = insertion.row;
    const count = insertion.entries.length;
    copy(inserted, next, next + count, at);
    for (let i = at; i < at + count; i++) {
      for (const column of ["model", "pricingModel", "session"] as const)
        if (out[column][i]! > 0) out[column][i] = remap[out[column][i]! - 1]!;
      if (out.msgLength[i] !== noId) out.msgStart[i] = out.msgStart[i]! + batch.pool.length;
      if (out.reqLength[i] !== noId) out.reqStart[i] = out.reqStart[i]! + batch.pool.length;
    }
    at += count;
    next += count;
  }
  copy(batch, from, batch.count, at);
  return out;
}

/** `a` then `b` as one batch. */
export function concatBatches(a: EntryBatch, b: EntryBatch): EntryBatch {
  if (b.count === 0) return a;
  if (a.count === 0) return b;
  const builder = new EntryBatchBuilder(a.count + b.count);
  builder.addBatch(a);
  builder.addBatch(b);
  return builder.finish();
}

// ---------------------------------------------------------------- one buffer: transfer and cache

const magic = 0x44524542; // "DREB"
const headerBytes = 32;
const align8 = (n: number) => (n + 7) & ~7;

/** The batch as one buffer (8-byte aligned sections), for postMessage transfer and the cache file. */
export function encodeBatch(batch: EntryBatch): Uint8Array {
  const n = batch.count;
  if (n === 0) return new Uint8Array(0); // most provisional tails, and files without usage
  const strings = Buffer.from(JSON.stringify(batch.strings), "utf8");
  const f64 = n * (3 + tokenFields) * 8;
  const u32 = n * 7 * 4;
  const size = headerBytes + f64 + align8(u32 + n) + align8(strings.length) + align8(batch.pool.length);
  const out = new Uint8Array(size);
  const header = new Uint32Array(out.buffer, 0, headerBytes / 4);
  header[0] = magic;
  header[1] = n;
  header[2] = strings.length;
  header[3] = batch.pool.length;
  let at = headerBytes;
  for (const column of [batch.ts, batch.tokens, batch.cost, batch.reasoning]) {
    new Float64Array(out.buffer, at, column.length).set(column);
    at += column.length * 8;
  }
  for (const column of [
    batch.model,
    batch.pricingModel,
    batch.session,
    batch.msgStart,
    batch.msgLength,
    batch.reqStart,
    batch.reqLength,
  ]) {
    new Uint32Array(out.buffer, at, n).set(column);
    at += n * 4;
  }
  out.set(batch.flags, at);
  at = align8(at + n);
  out.set(strings, at);
  at = align8(at + strings.length);
  out.set(batch.pool, at);
  return out;
}

/** Reads a batch back from `bytes` (views into it: `bytes` must start 8-byte aligned in its buffer). */
export function decodeBatch(bytes: Uint8Array): EntryBatch {
  if (bytes.length === 0) return emptyBatch();
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const base = bytes.byteOffset;
  const header = new Uint32Array(bytes.buffer, base, headerBytes / 4);
  if (header[0] !== magic) throw new Error("not an entry batch");
  const n = header[1]!;
  const stringBytes = header[2]!;
  const poolBytes = header[3]!;
  let at = base + headerBytes;
  const f64 = (length: number) => {
    const column = new Float64Array(bytes.buffer, at, length);
    at += length * 8;
    return column;
  };
  const u32 = () => {
    const column = new Uint32Array(bytes.buffer, at, n);
    at += n * 4;
    return column;
  };
  const ts = f64(n);
  const tokens = f64(n * tokenFields);
  const cost = f64(n);
  const reasoning = f64(n);
  const model = u32();
  const pricingModel = u32();
  const session = u32();
  const msgStart = u32();
  const msgLength = u32();
  const reqStart = u32();
  const reqLength = u32();
  const flags = new Uint8Array(bytes.buffer, at, n);
  at = base + align8(at - base + n);
  const strings = JSON.parse(Buffer.from(bytes.buffer, at, stringBytes).toString("utf8")) as string[];
  at = base + align8(at - base + stringBytes);
  const pool = new Uint8Array(bytes.buffer, at, poolBytes);
  return {
    count: n,
    ts,
    tokens,
    cost,
    reasoning,
    model,
    pricingModel,
    session,
    msgStart,
    msgLength,
    reqStart,
    reqLength,
    flags,
    strings,
    pool,
  };
}

// ---------------------------------------------------------------- back to objects (API, tests, live cost)

export function batchEntry(batch: EntryBatch, i: number): UsageEntry {
  const f = batch.flags[i]!;
  const t = i * tokenFields;
  const string = (index: number) => (index === 0 ? undefined : batch.strings[index - 1]);
  const id = (starts: Uint32Array, lengths: Uint32Array) =>
    lengths[i] === noId ? undefined : idText(batch.pool, starts[i]!, lengths[i]!);
  const agent: AgentKind = f & entryFlags.codex ? "codex" : "claude";
  const entry: UsageEntry = {
    agent,
    timestamp: batch.ts[i]!,
    model: string(batch.model[i]!),
    pricingModel: string(batch.pricingModel[i]!),
    usage: {
      inputTokens: batch.tokens[t]!,
      outputTokens: batch.tokens[t + 1]!,
      cacheWrite5mTokens: batch.tokens[t + 2]!,
      cacheWrite1hTokens: batch.tokens[t + 3]!,
      cacheReadTokens: batch.tokens[t + 4]!,
    },
    costUSD: Number.isNaN(batch.cost[i]!) ? undefined : batch.cost[i]!,
    fast: (f & entryFlags.fast) !== 0,
    messageId: id(batch.msgStart, batch.msgLength),
    requestId: id(batch.reqStart, batch.reqLength),
    sessionIdField: string(batch.session[i]!),
    isSidechain: (f & entryFlags.sidechain) !== 0,
    kind: f & entryFlags.progress ? "progress" : "direct",
    generalOk: (f & entryFlags.generalOk) !== 0,
    dailyOk: (f & entryFlags.dailyOk) !== 0,
  };
  if (!Number.isNaN(batch.reasoning[i]!)) entry.reasoningOutputTokens = batch.reasoning[i]!;
  return entry;
}

export function batchEntries(batch: EntryBatch): UsageEntry[] {
  const entries: UsageEntry[] = [];
  for (let i = 0; i < batch.count; i++) entries.push(batchEntry(batch, i));
  return entries;
}

export function batchOf(entries: readonly UsageEntry[]): EntryBatch {
  const builder = new EntryBatchBuilder(entries.length);
  for (const entry of entries) builder.addEntry(entry);
  return builder.finish();
}
