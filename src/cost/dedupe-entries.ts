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
// Every rule compares entries with the same message.id, so entries are indexed by message.id alone and the
// few kept copies of one message (usually one) are checked field by field.
import type { FileIdentity, UsageEntry } from "./types.js";

export interface PricedEntry {
  entry: UsageEntry;
  file: FileIdentity;
  cost: number;
  unpriced: boolean;
  /** The session the line says it belongs to, else the one its path names. */
  session: string;
}

const totalTokens = (e: UsageEntry) =>
  e.usage.inputTokens +
  e.usage.outputTokens +
  e.usage.cacheWrite5mTokens +
  e.usage.cacheWrite1hTokens +
  e.usage.cacheReadTokens;

function prefersCandidate(candidate: PricedEntry, existing: PricedEntry, compareCost: boolean): boolean {
  if (candidate.entry.isSidechain !== existing.entry.isSidechain) return existing.entry.isSidechain;
  const a = totalTokens(candidate.entry);
  const b = totalTokens(existing.entry);
  if (a !== b) return a > b;
  if (compareCost && candidate.cost !== existing.cost) return candidate.cost > existing.cost;
  return false;
}

/** Kept entries, and for each message id the indexes of the kept entries that carry it. */
class Kept {
  readonly slots: PricedEntry[] = [];
  private readonly byMessage = new Map<string, number[]>();

  candidates(messageId: string): readonly number[] {
    return this.byMessage.get(messageId) ?? [];
  }

  push(entry: PricedEntry): number {
    const index = this.slots.length;
    this.slots.push(entry);
    const m = entry.entry.messageId;
    if (m !== undefined) {
      const list = this.byMessage.get(m);
      if (list) list.push(index);
      else this.byMessage.set(m, [index]);
    }
    return index;
  }
}

/** Remembers the other sessions a kept entry was also found in (a response copied into a resumed session). */
class AlsoIn {
  private readonly sessions = new Map<number, Set<string>>();
  add(index: number, ...sessions: string[]): void {
    let set = this.sessions.get(index);
    if (!set) {
      set = new Set();
      this.sessions.set(index, set);
    }
    for (const s of sessions) set.add(s);
  }
  has(index: number, session: string): boolean {
    return this.sessions.get(index)?.has(session) === true;
  }
}

/** The rules of ccusage's session, monthly (and issue) reports. */
export function dedupeForSessions(entries: readonly PricedEntry[]): PricedEntry[] {
  const kept = new Kept();
  const alsoIn = new AlsoIn();
  for (const candidate of entries) {
    const { messageId: m, requestId: r, timestamp, isSidechain } = candidate.entry;
    if (m === undefined) {
      kept.push(candidate);
      continue;
    }
    const s = candidate.session;
    const indexes = kept.candidates(m);
    let found = indexes.find((i) => {
      const o = kept.slots[i]!;
      return o.entry.requestId === r && (r !== undefined || o.session === s);
    });
    found ??= indexes.find((i) => {
      const o = kept.slots[i]!;
      return (
        (o.session === s || alsoIn.has(i, s)) &&
        o.entry.timestamp === timestamp &&
        (isSidechain || o.entry.isSidechain)
      );
    });
    if (found === undefined) {
      kept.push(candidate);
      continue;
    }
    const existing = kept.slots[found]!;
    if (existing.session !== s) alsoIn.add(found, s, existing.session);
    if (prefersCandidate(candidate, existing, false)) kept.slots[found] = candidate;
  }
  return kept.slots;
}

/** The rules of ccusage's daily report. */
export function dedupeForDaily(entries: readonly PricedEntry[]): PricedEntry[] {
  const kept = new Kept();
  // A response copied into several sessions stays findable from each of them by later sidechain replays.
  const alsoIn = new AlsoIn();
  const inSession = (i: number, s: string) => kept.slots[i]!.session === s || alsoIn.has(i, s);
  for (const candidate of entries) {
    const { messageId: m, requestId: r, timestamp, isSidechain } = candidate.entry;
    if (m === undefined) {
      kept.push(candidate);
      continue;
    }
    const s = candidate.session;
    const indexes = kept.candidates(m);
    let found = indexes.find((i) => {
      const o = kept.slots[i]!;
      return (
        o.entry.requestId === r && (r !== undefined || (o.session === s && o.entry.timestamp === timestamp))
      );
    });
    found ??= indexes.find((i) => inSession(i, s) && (isSidechain || kept.slots[i]!.entry.isSidechain));
    if (found === undefined) {
      kept.push(candidate);
      continue;
    }
    const existing = kept.slots[found]!;
    if (existing.session !== s) alsoIn.add(found, s, existing.session);
    if (prefersCandidate(candidate, existing, true)) kept.slots[found] = candidate;
  }
  return kept.slots;
}
