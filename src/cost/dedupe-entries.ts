// Removes the copies of one API response that Claude Code writes more than once, exactly as ccusage does.
//
// Claude Code writes one line per content block of a response (same message.id and requestId, so
// counting each line triples the cost), copies responses into resumed sessions, progress lines and
// sidechain (`/btw`) replays. A copy is merged with the first entry it matches; the survivor is the
// non-sidechain copy, else the one with more tokens (the daily report then prefers the higher cost),
// else the one read first. ccusage's daily report and its other reports match copies slightly
// differently, and Drover follows both so that every report equals ccusage's:
//
// - with a requestId: same message.id and requestId, in any session;
// - without one: same message.id in the same session (daily: also the same timestamp);
// - a sidechain replay with a new requestId: same message.id in the same session when either copy is a
//   sidechain (the session/monthly reports also require the same timestamp).
// Entries without message.id are never merged.
//
// Entries arrive file by file in read order and only the survivors ("slots") are kept, in columns: memory
// grows with the number of distinct responses (~170 bytes each, ids included), not with the log size.
// Every rule compares entries with the same message.id, so slots are indexed by a hash of its bytes (an
// open-addressing table; equal hashes are confirmed byte for byte) and chained per message id.
import { priceTokenCounts } from "./calculate-cost.js";
import { batchOf, type EntryBatch, entryFlags, noId, tokenFields } from "./entry-batch.js";
import type { PriceLookup } from "./find-model-price.js";
import type { ModelPrice } from "./price-table.js";
import type { CostMode, FileIdentity, UsageEntry } from "./types.js";

export type DedupeRules = "daily" | "sessions";

/** Slot flags. */
const SIDECHAIN = 1;
const UNPRICED = 2;

function hashBytes(bytes: Uint8Array, start: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

function sameBytes(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/** Interns strings (models, sessions) to small numbers, so slots hold numbers only. */
export class Names {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  id(name: string): number {
    let id = this.index.get(name);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(name);
      this.index.set(name, id);
    }
    return id;
  }
}

export interface LedgerOptions {
  mode: CostMode;
  prices: PriceLookup;
}

/**
 * Slots live in fixed pages, allocated as needed and never copied: memory is what the slots take (no
 * growth by doubling, no copy briefly holding both), and freed pages never linger.
 */
const pageBits = 12;
const pageSlots = 1 << pageBits;
const pageMask = pageSlots - 1;
/** Id bytes go in pages of their own; an id never straddles two. */
const idPageBits = 18;
const idPageBytes = 1 << idPageBits;

class Page {
  readonly file = new Uint32Array(pageSlots);
  readonly session = new Uint32Array(pageSlots);
  readonly model = new Int32Array(pageSlots);
  readonly ts = new Float64Array(pageSlots);
  readonly tokens = new Float64Array(pageSlots * tokenFields);
  readonly cost = new Float64Array(pageSlots);
  readonly flags = new Uint8Array(pageSlots);
  /** Where the ids are: (id page << idPageBits) | offset, and their lengths (`noId`: none). */
  readonly msgAt = new Uint32Array(pageSlots);
  readonly msgLength = new Uint32Array(pageSlots);
  readonly reqAt = new Uint32Array(pageSlots);
  readonly reqLength = new Uint32Array(pageSlots);
  /** The next slot with the same message id, or -1. */
  readonly nextSame = new Int32Array(pageSlots);

  static readonly bytes = pageSlots * (4 + 4 + 4 + 8 + 8 * tokenFields + 8 + 1 + 4 + 4 + 4 + 4 + 4);
}

/** One slot's values, as reports read them (see `Ledger.read`). */
export interface SlotValues {
  file: number;
  session: number;
  /** Index in `models`, or -1 for none. */
  model: number;
  ts: number;
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  cost: number;
  unpriced: boolean;
}

/**
 * The surviving copy of every response so far, fed file by file in read order. Read the slots in order
 * with `read(slot)`, `0 <= slot < count`.
 */
export class Ledger {
  count = 0;
  private readonly pages: Page[] = [];
  private readonly idPages: Uint8Array[] = [];
  private idUsed = idPageBytes; // no page yet: the first id opens one
  private idTotal = 0;
  /** Open addressing by message-id hash: the first and last slot of each message id, -1 when free. */
  private heads = new Int32Array(1 << 13).fill(-1);
  private tails = new Int32Array(1 << 13);
  private hashes = new Uint32Array(1 << 13);
  private messages = 0;
  /** Other sessions a slot's response was also found in (a response copied into a resumed session). */
  private readonly alsoIn = new Map<number, Set<number>>();
  private readonly values: SlotValues = {
    file: 0,
    session: 0,
    model: -1,
    ts: 0,
    input: 0,
    output: 0,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    cacheRead: 0,
    cost: 0,
    unpriced: false,
  };

  readonly sessions = new Names();
  readonly models = new Names();

  constructor(
    private readonly rules: DedupeRules,
    private readonly options: LedgerOptions,
  ) {}

  /** Bytes the ledger holds for its slots: pages, id bytes and the message-id table (allocated). */
  get bytes(): number {
    return (
      this.pages.length * Page.bytes +
      this.idPages.length * idPageBytes +
      this.heads.byteLength +
      this.tails.byteLength +
      this.hashes.byteLength
    );
  }

  /** Bytes of id text the slots use (message ids once per response, request ids once per copy kept). */
  get idBytes(): number {
    return this.idTotal;
  }

  /** The values of `slot` (the same object every call: copy what you keep). */
  read(slot: number): SlotValues {
    const page = this.pages[slot >>> pageBits]!;
    const i = slot & pageMask;
    const v = this.values;
    v.file = page.file[i]!;
    v.session = page.session[i]!;
    v.model = page.model[i]!;
    v.ts = page.ts[i]!;
    const t = i * tokenFields;
    v.input = page.tokens[t]!;
    v.output = page.tokens[t + 1]!;
    v.cacheWrite5m = page.tokens[t + 2]!;
    v.cacheWrite1h = page.tokens[t + 3]!;
    v.cacheRead = page.tokens[t + 4]!;
    v.cost = page.cost[i]!;
    v.unpriced = (page.flags[i]! & UNPRICED) !== 0;
    return v;
  }

  /** Copies id bytes into the id pages; returns where they are. */
  private keepBytes(source: Uint8Array, start: number, length: number): number {
    if (this.idUsed + length > idPageBytes) {
      this.idPages.push(new Uint8Array(Math.max(idPageBytes, length)));
      this.idUsed = 0;
    }
    const pageIndex = this.idPages.length - 1;
    const page = this.idPages[pageIndex]!;
    const at = this.idUsed;
    for (let i = 0; i < length; i++) page[at + i] = source[start + i]!;
    this.idUsed = at + length;
    this.idTotal += length;
    return (pageIndex << idPageBits) | at;
  }

  private sameId(at: number, bytes: Uint8Array, start: number, length: number): boolean {
    return sameBytes(this.idPages[at >>> idPageBits]!, at & (idPageBytes - 1), bytes, start, length);
  }

  /** Slot with this message id first kept, or -1; `probe` is left at its table position. */
  private probe = 0;
  private findMessage(hash: number, bytes: Uint8Array, start: number, length: number): number {
    const mask = this.heads.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const head = this.heads[i]!;
      if (head < 0) {
        this.probe = i;
        return -1;
      }
      if (this.hashes[i] === hash) {
        const page = this.pages[head >>> pageBits]!;
        const j = head & pageMask;
        if (page.msgLength[j] === length && this.sameId(page.msgAt[j]!, bytes, start, length)) {
          this.probe = i;
          return head;
        }
      }
    }
  }

  private rehash(): void {
    const heads = this.heads;
    const tails = this.tails;
    const hashes = this.hashes;
    this.heads = new Int32Array(heads.length * 2).fill(-1);
    this.tails = new Int32Array(heads.length * 2);
    this.hashes = new Uint32Array(heads.length * 2);
    const mask = this.heads.length - 1;
    for (let i = 0; i < heads.length; i++) {
      if (heads[i]! < 0) continue;
      let j = hashes[i]! & mask;
      while (this.heads[j]! >= 0) j = (j + 1) & mask;
      this.heads[j] = heads[i]!;
      this.tails[j] = tails[i]!;
      this.hashes[j] = hashes[i]!;
    }
  }

  private sameRequest(page: Page, j: number, batch: EntryBatch, i: number): boolean {
    const length = batch.reqLength[i]!;
    if (page.reqLength[j] !== length) return false;
    return length === noId || this.sameId(page.reqAt[j]!, batch.pool, batch.reqStart[i]!, length);
  }

  private inSession(slot: number, sessionOfSlot: number, session: number): boolean {
    if (sessionOfSlot === session) return true;
    const also = this.alsoIn.size > 0 ? this.alsoIn.get(slot) : undefined;
    return also?.has(session) === true;
  }

  private noteSession(slot: number, existing: number, session: number): void {
    if (existing === session) return;
    let set = this.alsoIn.get(slot);
    if (!set) {
      set = new Set();
      this.alsoIn.set(slot, set);
    }
    set.add(session);
    set.add(existing);
  }

  /** Writes entry `i` of `batch` into slot `j` of `page` (a new slot, or one whose copy it replaces). */
  private fill(
    page: Page,
    j: number,
    batch: EntryBatch,
    i: number,
    file: number,
    session: number,
    model: number,
    cost: number,
    unpriced: boolean,
    keepRequest: boolean,
  ): void {
    page.file[j] = file;
    page.session[j] = session;
    page.model[j] = model;
    page.ts[j] = batch.ts[i]!;
    const from = i * tokenFields;
    const to = j * tokenFields;
    const source = batch.tokens;
    const tokens = page.tokens;
    tokens[to] = source[from]!;
    tokens[to + 1] = source[from + 1]!;
    tokens[to + 2] = source[from + 2]!;
    tokens[to + 3] = source[from + 3]!;
    tokens[to + 4] = source[from + 4]!;
    page.cost[j] = cost;
    page.flags[j] = (batch.flags[i]! & entryFlags.sidechain ? SIDECHAIN : 0) | (unpriced ? UNPRICED : 0);
    if (keepRequest) return; // the slot already holds these request-id bytes
    const reqLength = batch.reqLength[i]!;
    page.reqLength[j] = reqLength;
    if (reqLength !== noId) page.reqAt[j] = this.keepBytes(batch.pool, batch.reqStart[i]!, reqLength);
  }

  /** Whether entry `i` replaces the copy in slot `j` of `page`: not a sidechain, else more tokens, else (daily) costlier. */
  private prefers(batch: EntryBatch, i: number, cost: number, page: Page, j: number): boolean {
    const sidechain = (batch.flags[i]! & entryFlags.sidechain) !== 0;
    const existingSidechain = (page.flags[j]! & SIDECHAIN) !== 0;
    if (sidechain !== existingSidechain) return existingSidechain;
    const c = batch.tokens;
    const at = i * tokenFields;
    const a = c[at]! + c[at + 1]! + c[at + 2]! + c[at + 3]! + c[at + 4]!;
    const e = page.tokens;
    const to = j * tokenFields;
    const b = e[to]! + e[to + 1]! + e[to + 2]! + e[to + 3]! + e[to + 4]!;
    if (a !== b) return a > b;
    if (this.rules === "daily" && cost !== page.cost[j]) return cost > page.cost[j]!;
    return false;
  }

  /**
   * Offers entry `i` of `batch`: it becomes a new slot, replaces the copy it matches, or is dropped.
   * `session` and `model` are ids in `sessions` and `models` (-1: no model).
   */
  offer(
    batch: EntryBatch,
    i: number,
    file: number,
    session: number,
    model: number,
    cost: number,
    unpriced: boolean,
  ): void {
    const msgLength = batch.msgLength[i]!;
    if (msgLength === noId) {
      this.push(batch, i, file, session, model, cost, unpriced, -1, -1);
      return;
    }
    const msgStart = batch.msgStart[i]!;
    const hash = hashBytes(batch.pool, msgStart, msgLength);
    const head = this.findMessage(hash, batch.pool, msgStart, msgLength);
    if (head < 0) {
      this.push(batch, i, file, session, model, cost, unpriced, hash, -1);
      return;
    }
    const daily = this.rules === "daily";
    const ts = batch.ts[i]!;
    const hasRequest = batch.reqLength[i] !== noId;
    let found = -1;
    for (let s = head; s >= 0; ) {
      const page = this.pages[s >>> pageBits]!;
      const j = s & pageMask;
      if (
        this.sameRequest(page, j, batch, i) &&
        (hasRequest || (page.session[j] === session && (!daily || page.ts[j] === ts)))
      ) {
        found = s;
        break;
      }
      s = page.nextSame[j]!;
    }
    if (found < 0) {
      const sidechain = (batch.flags[i]! & entryFlags.sidechain) !== 0;
      for (let s = head; s >= 0; ) {
        const page = this.pages[s >>> pageBits]!;
        const j = s & pageMask;
        if (
          this.inSession(s, page.session[j]!, session) &&
          (daily || page.ts[j] === ts) &&
          (sidechain || (page.flags[j]! & SIDECHAIN) !== 0)
        ) {
          found = s;
          break;
        }
        s = page.nextSame[j]!;
      }
    }
    if (found < 0) {
      this.push(batch, i, file, session, model, cost, unpriced, hash, head);
      return;
    }
    const page = this.pages[found >>> pageBits]!;
    const j = found & pageMask;
    this.noteSession(found, page.session[j]!, session);
    if (this.prefers(batch, i, cost, page, j))
      this.fill(page, j, batch, i, file, session, model, cost, unpriced, this.sameRequest(page, j, batch, i));
  }

  /** A new slot; `head` is the first slot of its message id (-1: first of its id; `hash` -1: no id). */
  private push(
    batch: EntryBatch,
    i: number,
    file: number,
    session: number,
    model: number,
    cost: number,
    unpriced: boolean,
    hash: number,
    head: number,
  ): void {
    const slot = this.count;
    if (slot >>> pageBits === this.pages.length) this.pages.push(new Page());
    this.count = slot + 1;
    const page = this.pages[slot >>> pageBits]!;
    const j = slot & pageMask;
    this.fill(page, j, batch, i, file, session, model, cost, unpriced, false);
    page.nextSame[j] = -1;
    if (hash < 0) {
      page.msgLength[j] = noId;
      return;
    }
    const msgLength = batch.msgLength[i]!;
    page.msgLength[j] = msgLength;
    const at = this.probe;
    if (head >= 0) {
      // Same id as earlier slots: share their bytes and join the end of their chain.
      const headPage = this.pages[head >>> pageBits]!;
      page.msgAt[j] = headPage.msgAt[head & pageMask]!;
      const tail = this.tails[at]!;
      this.pages[tail >>> pageBits]!.nextSame[tail & pageMask] = slot;
      this.tails[at] = slot;
      return;
    }
    page.msgAt[j] = this.keepBytes(batch.pool, batch.msgStart[i]!, msgLength);
    this.heads[at] = slot;
    this.tails[at] = slot;
    this.hashes[at] = hash;
    if (++this.messages * 10 > this.heads.length * 7) this.rehash();
  }

  /** Offers every entry of one file's batch that the report counts, pricing it on the way. */
  addBatch(batch: EntryBatch, file: FileIdentity, fileIndex: number): void {
    const daily = this.rules === "daily";
    const fileSession = this.sessions.id(file.sessionId);
    // Batch string index → id here, looked up on first use.
    const sessionIds = new Int32Array(batch.strings.length).fill(-1);
    const modelIds = new Int32Array(batch.strings.length).fill(-1);
    const prices: (ModelPrice | undefined | null)[] = new Array(batch.strings.length).fill(null);
    const { mode } = this.options;
    for (let i = 0; i < batch.count; i++) {
      const flags = batch.flags[i]!;
      // Progress copies only count in the daily report, and a few lines only pass its looser schema.
      if (
        daily
          ? (flags & entryFlags.dailyOk) === 0
          : (flags & entryFlags.progress) !== 0 || (flags & entryFlags.generalOk) === 0
      )
        continue;
      let session = fileSession;
      const sessionString = batch.session[i]! - 1;
      if (sessionString >= 0) {
        session = sessionIds[sessionString]!;
        if (session < 0) {
          session = this.sessions.id(batch.strings[sessionString]!);
          sessionIds[sessionString] = session;
        }
      }
      let model = -1;
      const modelString = batch.model[i]! - 1;
      if (modelString >= 0) {
        model = modelIds[modelString]!;
        if (model < 0) {
          model = this.models.id(batch.strings[modelString]!);
          modelIds[modelString] = model;
        }
      }
      let cost = 0;
      let unpriced = false;
      const recorded = batch.cost[i]!;
      const pricing = batch.pricingModel[i]!;
      if (mode === "display") cost = Number.isNaN(recorded) ? 0 : recorded;
      else if (mode === "auto" && !Number.isNaN(recorded)) cost = recorded;
      else if (pricing > 0) {
        let price = prices[pricing - 1];
        if (price === null) {
          price = this.options.prices.find(batch.strings[pricing - 1]!);
          prices[pricing - 1] = price;
        }
        const t = i * tokenFields;
        const tokens = batch.tokens;
        if (price) {
          cost = priceTokenCounts(
            tokens[t]!,
            tokens[t + 1]!,
            tokens[t + 2]!,
            tokens[t + 3]!,
            tokens[t + 4]!,
            price,
          );
          if (flags & entryFlags.fast) cost *= price.fastMultiplier ?? 1;
        } else unpriced = tokens[t]! + tokens[t + 1]! + tokens[t + 2]! + tokens[t + 3]! + tokens[t + 4]! > 0;
      }
      this.offer(batch, i, fileIndex, session, model, cost, unpriced);
    }
  }
}

// ---------------------------------------------------------------- entries as objects (tests)

export interface PricedEntry {
  entry: UsageEntry;
  file: FileIdentity;
  cost: number;
  unpriced: boolean;
  /** The session the line says it belongs to, else the one its path names. */
  session: string;
}

function dedupe(entries: readonly PricedEntry[], rules: DedupeRules): PricedEntry[] {
  const ledger = new Ledger(rules, { mode: "auto", prices: { find: () => undefined } });
  const batch = batchOf(entries.map((e) => e.entry));
  // Each entry passed as a file of its own: a slot's file then says which entry survives in it.
  for (const [i, e] of entries.entries())
    ledger.offer(batch, i, i, ledger.sessions.id(e.session), -1, e.cost, e.unpriced);
  return Array.from({ length: ledger.count }, (_, slot) => entries[ledger.read(slot).file]!);
}

/** The rules of ccusage's session, monthly (and issue) reports, on priced entries in read order. */
export const dedupeForSessions = (entries: readonly PricedEntry[]) => dedupe(entries, "sessions");

/** The rules of ccusage's daily report. */
export const dedupeForDaily = (entries: readonly PricedEntry[]) => dedupe(entries, "daily");
