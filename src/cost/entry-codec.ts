// Packs usage entries into plain arrays for the trips that dominate big reads: worker → main thread and
// the on-disk cache. Arrays without property names parse and serialize several times faster than objects.
import type { UsageEntry } from "./types.js";

export type PackedEntry = [
  agent: 0 | 1,
  timestamp: number,
  model: string | null,
  pricingModel: string | null,
  input: number,
  output: number,
  cacheWrite5m: number,
  cacheWrite1h: number,
  cacheRead: number,
  costUSD: number | null,
  flags: number,
  messageId: string | null,
  requestId: string | null,
  sessionIdField: string | null,
  reasoningOutputTokens: number | null,
];

const FAST = 1;
const SIDECHAIN = 2;
const PROGRESS = 4;
const GENERAL_OK = 8;
const DAILY_OK = 16;

export function packEntries(entries: readonly UsageEntry[]): PackedEntry[] {
  return entries.map((e) => [
    e.agent === "codex" ? 1 : 0,
    e.timestamp,
    e.model ?? null,
    e.pricingModel ?? null,
    e.usage.inputTokens,
    e.usage.outputTokens,
    e.usage.cacheWrite5mTokens,
    e.usage.cacheWrite1hTokens,
    e.usage.cacheReadTokens,
    e.costUSD ?? null,
    (e.fast ? FAST : 0) |
      (e.isSidechain ? SIDECHAIN : 0) |
      (e.kind === "progress" ? PROGRESS : 0) |
      (e.generalOk ? GENERAL_OK : 0) |
      (e.dailyOk ? DAILY_OK : 0),
    e.messageId ?? null,
    e.requestId ?? null,
    e.sessionIdField ?? null,
    e.reasoningOutputTokens ?? null,
  ]);
}

export function unpackEntries(packed: readonly PackedEntry[]): UsageEntry[] {
  return packed.map((p) => {
    const entry: UsageEntry = {
      agent: p[0] === 1 ? "codex" : "claude",
      timestamp: p[1],
      model: p[2] ?? undefined,
      pricingModel: p[3] ?? undefined,
      usage: {
        inputTokens: p[4],
        outputTokens: p[5],
        cacheWrite5mTokens: p[6],
        cacheWrite1hTokens: p[7],
        cacheReadTokens: p[8],
      },
      costUSD: p[9] ?? undefined,
      fast: (p[10] & FAST) !== 0,
      messageId: p[11] ?? undefined,
      requestId: p[12] ?? undefined,
      sessionIdField: p[13] ?? undefined,
      isSidechain: (p[10] & SIDECHAIN) !== 0,
      kind: (p[10] & PROGRESS) !== 0 ? "progress" : "direct",
      generalOk: (p[10] & GENERAL_OK) !== 0,
      dailyOk: (p[10] & DAILY_OK) !== 0,
    };
    if (p[14] !== null) entry.reasoningOutputTokens = p[14];
    return entry;
  });
}
