// Turns one Claude Code transcript line into usage entries, applying ccusage's rules for which lines count.
import {
  type ClaudeUsage,
  claudeDirectLineSchema,
  claudeIterationsSchema,
  claudeProgressLineSchema,
} from "./claude-line-schema.js";
import { claudeUsageMarker } from "./claude-line-text.js";
import { hasRejectedNullField } from "./has-rejected-null-field.js";
import { parseTimestamp } from "./parse-timestamp.js";
import { quickDirectLine, quickProgressLine } from "./quick-direct-line.js";
import type { TokenUsage, UsageEntry } from "./types.js";

export { claudeUsageMarker };

/**
 * JSON.parse reads `100.0` and `1e2` as the integer 100, while ccusage (serde, u64) rejects them; a token
 * count written that way marks the line invalid here too.
 */
const nonIntegerTokenCount =
  /"(?:input_tokens|output_tokens|cache_creation_input_tokens|cache_read_input_tokens|ephemeral_5m_input_tokens|ephemeral_1h_input_tokens)":\s*-?\d+(?:\.\d*)?[eE.]/;

/** Cheap first test: a digit followed by `.`, `e` or `E` somewhere (rare in a usage object). */
const anyFraction = /\d[.eE]/;

export type ClaudeLineResult =
  | { kind: "usage"; entries: UsageEntry[] }
  /** Looked like usage (or was cut off) but is invalid: skipped and counted. */
  | { kind: "malformed" }
  /** Valid JSON that carries no usage (a user line whose tool result mentions usage, for example). */
  | { kind: "other" };

const semverPrefix = /^\d+\.\d+\.\d/;

function toTokenUsage(usage: ClaudeUsage): TokenUsage {
  const buckets = usage.cache_creation;
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    // The 5m/1h split wins when present; the flat field is what older lines have (priced as 5m writes).
    cacheWrite5mTokens: buckets
      ? (buckets.ephemeral_5m_input_tokens ?? 0)
      : (usage.cache_creation_input_tokens ?? 0),
    cacheWrite1hTokens: buckets ? (buckets.ephemeral_1h_input_tokens ?? 0) : 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
  };
}

function hasUsageObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const line = value as {
    message?: { usage?: unknown };
    data?: { message?: { message?: { usage?: unknown } } };
  };
  return line.message?.usage !== undefined || line.data?.message?.message?.usage !== undefined;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Copies the listed keys that are present: zod then checks a few fields instead of walking big objects. */
function pick(source: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key of keys) if (Object.hasOwn(source, key)) out[key] = source[key];
  return out;
}

const messageKeys = ["usage", "model", "id"];
const directKeys = [
  "timestamp",
  "message",
  "version",
  "sessionId",
  "costUSD",
  "requestId",
  "isSidechain",
  "isApiErrorMessage",
];
const nestedKeys = ["timestamp", "message", "costUSD", "requestId", "isSidechain"];

function projectMessage(line: Json): Json {
  return isObject(line.message) ? { ...line, message: pick(line.message, messageKeys) } : line;
}

function projectProgress(line: Json): Json {
  const out = pick(line, ["sessionId", "data"]);
  if (isObject(out.data)) {
    const data = pick(out.data, ["message"]);
    if (isObject(data.message)) data.message = projectMessage(pick(data.message, nestedKeys));
    out.data = data;
  }
  return out;
}

const emptyToUndefined = (value: string | null | undefined) => (value == null ? undefined : value);

interface Fields {
  timestamp: string;
  message: { usage: ClaudeUsage; model?: string | null; id?: string | null };
  version?: string | null;
  sessionId?: string | null;
  costUSD?: number | null;
  requestId?: string | null;
  isSidechain?: boolean | null;
}

let lastVersion = "";
let lastVersionOk = false;
/** Versions repeat line after line: test each new one once. */
function semverLike(version: string): boolean {
  if (version !== lastVersion) {
    lastVersion = version;
    lastVersionOk = semverPrefix.test(version);
  }
  return lastVersionOk;
}

/** ccusage skips entries whose optional ids are present but empty, or whose version is not semver. */
function isValid(fields: Fields): boolean {
  if (fields.version != null && !semverLike(fields.version)) return false;
  if (fields.sessionId === "" || fields.requestId === "" || fields.message.id === "") return false;
  if (fields.message.model === "") return false;
  return true;
}

function toEntry(
  fields: Fields,
  timestamp: number,
  kind: UsageEntry["kind"],
  generalOk: boolean,
): UsageEntry {
  const rawModel = emptyToUndefined(fields.message.model);
  const fast = fields.message.usage.speed === "fast";
  const model =
    rawModel === undefined || rawModel === "<synthetic>" ? undefined : fast ? `${rawModel}-fast` : rawModel;
  return {
    agent: "claude",
    timestamp,
    model,
    pricingModel: rawModel,
    usage: toTokenUsage(fields.message.usage),
    costUSD: fields.costUSD ?? undefined,
    fast,
    messageId: emptyToUndefined(fields.message.id),
    requestId: emptyToUndefined(fields.requestId),
    sessionIdField: emptyToUndefined(fields.sessionId),
    isSidechain: fields.isSidechain === true,
    kind,
    generalOk,
    dailyOk: true,
  };
}

/** Advisor calls recorded in `message.usage.iterations`, each an entry of its own under its own model. */
function advisorEntries(parsed: unknown, parent: UsageEntry): UsageEntry[] {
  const result = claudeIterationsSchema.safeParse(parsed);
  if (!result.success) return [];
  const advisors = (result.data.message.usage.iterations ?? []).filter(
    (it) => it.type === "advisor_message" && typeof it.model === "string" && it.model !== "",
  );
  return advisors.map((advisor, index) => ({
    ...parent,
    model: advisor.model!,
    pricingModel: advisor.model!,
    usage: toTokenUsage(advisor),
    costUSD: undefined,
    fast: advisor.speed === "fast",
    messageId: parent.messageId === undefined ? undefined : `${parent.messageId}:advisor:${index}`,
  }));
}

/** Parses one line (already known to contain the usage marker). */
export function parseClaudeLine(text: string): ClaudeLineResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: "malformed" };
  }
  if (!hasUsageObject(parsed)) return { kind: "other" };
  if (hasRejectedNullField(text)) return { kind: "malformed" };
  // Token counts sit in the usage object, right after the marker: no need to search the whole line.
  const usageAt = text.indexOf(claudeUsageMarker);
  const usageText = usageAt < 0 ? text : text.slice(usageAt, usageAt + 2000);
  if (anyFraction.test(usageText) && nonIntegerTokenCount.test(usageText)) return { kind: "malformed" };

  const line = parsed as Json;
  const quick = quickDirectLine(line);
  // Without a top-level message only the progress form can match: skip zod's (costly) failure.
  const direct = quick
    ? ({ success: true, data: quick } as const)
    : line.message === undefined
      ? ({ success: false } as const)
      : claudeDirectLineSchema.safeParse(projectMessage(pick(line, directKeys)));
  if (direct.success) {
    const timestamp = parseTimestamp(direct.data.timestamp);
    if (timestamp === undefined || !isValid(direct.data)) return { kind: "malformed" };
    // ccusage's session/monthly loader also types isApiErrorMessage (its daily loader ignores it).
    const flag = direct.data.isApiErrorMessage;
    const generalOk = flag === undefined || flag === null || typeof flag === "boolean";
    const entry = toEntry(direct.data, timestamp, "direct", generalOk);
    const advisors = text.includes('"advisor_message"') ? advisorEntries(parsed, entry) : [];
    return { kind: "usage", entries: [entry, ...advisors] };
  }
  const quickNested = quickProgressLine(line);
  const progress = quickNested
    ? ({ success: true, data: quickNested } as const)
    : claudeProgressLineSchema.safeParse(projectProgress(line));
  if (progress.success) {
    const nested = progress.data.data.message;
    const fields: Fields = { ...nested, sessionId: progress.data.sessionId };
    const timestamp = parseTimestamp(nested.timestamp);
    if (timestamp === undefined || !isValid(fields)) return { kind: "malformed" };
    return { kind: "usage", entries: [toEntry(fields, timestamp, "progress", false)] };
  }
  return { kind: "malformed" };
}
