// Reads the usage of one Codex CLI rollout from a byte offset on, turning cumulative counters into requests.
//
// Codex reports usage per request in `last_token_usage` and cumulatively in `total_token_usage`, and repeats
// a token_count event when nothing new was spent; like ccusage, an event whose cumulative total did not
// move counts nothing, and an event with only the cumulative total counts the difference to the previous one.
import { type CodexLine, type CodexRawUsageInput, codexLineSchema } from "./codex-line-schema.js";
import { EntryBatchBuilder } from "./entry-batch.js";
import { parseTimestamp } from "./parse-timestamp.js";
import type { FileScan } from "./scan-claude-file.js";
import { marker, scanLines } from "./scan-lines.js";
import type { UsageEntry } from "./types.js";

interface RawUsage {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
  total: number;
}

/** What a rollout's earlier lines tell about the ones after: kept with the file's cache entry. */
export interface CodexFileState {
  previousTotals?: RawUsage;
  currentModel?: string;
  serviceTier?: "standard" | "fast";
  /** The session id Codex wrote in `session_meta` (the uuid the runner links to a Drover session). */
  metaSessionId?: string;
}

export interface CodexFileScan extends FileScan {
  state: CodexFileState;
}

/** Used when a rollout never names its model (early Codex builds), as ccusage does. */
export const codexFallbackModel = "gpt-5";

const markers = [
  '"type":"turn_context"',
  '"type":"token_count"',
  '"type":"session_meta"',
  '"thread_settings_applied"',
].map(marker);

function toRaw(usage: CodexRawUsageInput | null | undefined): RawUsage | undefined {
  if (!usage) return undefined;
  const input = usage.input_tokens ?? 0;
  const cached = Math.min(usage.cached_input_tokens ?? usage.cache_read_input_tokens ?? 0, input);
  return {
    input,
    cached,
    output: usage.output_tokens ?? 0,
    reasoning: usage.reasoning_output_tokens ?? 0,
    total: usage.total_tokens ?? 0,
  };
}

const sameUsage = (a: RawUsage | undefined, b: RawUsage | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.input === b.input &&
  a.cached === b.cached &&
  a.output === b.output &&
  a.reasoning === b.reasoning &&
  a.total === b.total;

function subtract(current: RawUsage, previous: RawUsage | undefined): RawUsage {
  const minus = (a: number, b: number | undefined) => Math.max(0, a - (b ?? 0));
  const input = minus(current.input, previous?.input);
  return {
    input,
    cached: Math.min(minus(current.cached, previous?.cached), input),
    output: minus(current.output, previous?.output),
    reasoning: minus(current.reasoning, previous?.reasoning),
    total: minus(current.total, previous?.total),
  };
}

function modelOf(fields: {
  model?: string | null;
  model_name?: string | null;
  metadata?: { model?: string | null } | null;
}) {
  for (const candidate of [fields.model, fields.model_name, fields.metadata?.model]) {
    const trimmed = candidate?.trim();
    if (trimmed) return trimmed;
  }
  return undefined;
}

function timestampOf(value: CodexLine["timestamp"]): number | undefined {
  if (typeof value === "number") return value > 10_000_000_000 ? value : value * 1000;
  const text = value?.trim();
  return text ? parseTimestamp(text) : undefined;
}

type LineOutcome = UsageEntry | "malformed" | undefined;

/** Applies one rollout line to `state`; returns the usage entry it reports, if any. */
export function applyCodexLine(text: string, state: CodexFileState): LineOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "malformed";
  }
  const parsed = codexLineSchema.safeParse(json);
  if (!parsed.success) return "malformed";
  const { type, payload } = parsed.data;
  if (type === "session_meta") {
    if (payload?.id) state.metaSessionId = payload.id;
    return undefined;
  }
  if (type === "turn_context") {
    const model = payload ? modelOf(payload) : undefined;
    if (model) state.currentModel = model;
    return undefined;
  }
  if (type !== "event_msg" || !payload) return undefined;
  if (payload.type === "thread_settings_applied") {
    const tier = payload.thread_settings?.service_tier;
    if (tier != null) {
      state.serviceTier =
        tier === "priority" || tier === "fast"
          ? "fast"
          : tier === "default" || tier === "standard"
            ? "standard"
            : undefined;
    }
    return undefined;
  }
  if (payload.type !== "token_count") return undefined;
  const timestamp = timestampOf(parsed.data.timestamp);
  if (timestamp === undefined) return "malformed";
  const total = toRaw(payload.info?.total_token_usage);
  const last = toRaw(payload.info?.last_token_usage);
  const advanced = total === undefined || !sameUsage(total, state.previousTotals);
  const usage = (advanced ? last : undefined) ?? (total ? subtract(total, state.previousTotals) : undefined);
  if (total) state.previousTotals = total;
  if (!usage || (usage.input === 0 && usage.cached === 0 && usage.output === 0 && usage.reasoning === 0)) {
    return undefined;
  }
  const named = modelOf(payload) ?? (payload.info ? modelOf(payload.info) : undefined);
  if (named) state.currentModel = named;
  const model = state.currentModel ?? codexFallbackModel;
  return {
    agent: "codex",
    timestamp,
    model,
    pricingModel: model,
    usage: {
      inputTokens: usage.input - usage.cached,
      outputTokens: usage.output,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: usage.cached,
    },
    costUSD: undefined,
    fast: state.serviceTier === "fast",
    messageId: undefined,
    requestId: undefined,
    sessionIdField: state.metaSessionId,
    isSidechain: false,
    kind: "direct",
    generalOk: true,
    dailyOk: true,
    reasoningOutputTokens: usage.reasoning,
  };
}

export function scanCodexFile(path: string, fromOffset: number, state: CodexFileState): CodexFileScan {
  const live: CodexFileState = structuredClone(state);
  const entries = new EntryBatchBuilder();
  const tail = new EntryBatchBuilder();
  let malformed = 0;
  let tailMalformed = 0;
  const result = scanLines(path, fromOffset, markers, (data, start, end, partial) => {
    const line = data.toString("utf8", start, end);
    // A line still being written must not move the state the next read starts from.
    const outcome = applyCodexLine(line, partial ? structuredClone(live) : live);
    if (outcome === "malformed") {
      if (partial) tailMalformed++;
      else malformed++;
    } else if (outcome) (partial ? tail : entries).addEntry(outcome);
  });
  return {
    entries: entries.finish(),
    malformed,
    tail: tail.finish(),
    tailMalformed,
    completeOffset: result.completeOffset,
    bytesRead: result.bytesRead,
    probe: result.probe,
    deferred: [],
    state: live,
  };
}
