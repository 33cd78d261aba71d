// The shapes every part of cost reporting shares: one usage entry read from an agent log, and report rows.

/** Which agent wrote the log an entry came from. */
export type AgentKind = "claude" | "codex";

/**
 * How cost is decided, as in ccusage: `auto` trusts a `costUSD` the log recorded and prices the rest,
 * `calculate` always prices tokens, `display` only shows recorded `costUSD` (0 where there is none).
 */
export type CostMode = "auto" | "calculate" | "display";

/** Token counts of one API response, split the way they are priced. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Cache writes that live 5 minutes (and writes recorded without a duration). */
  cacheWrite5mTokens: number;
  /** Cache writes that live one hour, priced at twice the input rate. */
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
}

/**
 * One usage entry as read from a log line, before de-duplication. Plain data (no methods) so that it
 * crosses worker threads and the on-disk cache unchanged.
 */
export interface UsageEntry {
  agent: AgentKind;
  /** Milliseconds since the epoch. */
  timestamp: number;
  /** The model as written, `-fast` appended for Claude's fast mode; undefined when the log names none. */
  model: string | undefined;
  /** The model name used for pricing (without the `-fast` suffix). */
  pricingModel: string | undefined;
  usage: TokenUsage;
  /** Cost the log itself recorded (legacy Claude Code lines). */
  costUSD: number | undefined;
  /** Claude's fast mode: priced with the model's fast multiplier. */
  fast: boolean;
  messageId: string | undefined;
  requestId: string | undefined;
  /** The line's own `sessionId` field (Claude), else undefined. */
  sessionIdField: string | undefined;
  isSidechain: boolean;
  /**
   * `direct` lines count in every report; `progress` copies (a subagent message nested in a progress line)
   * count only in the daily report, as ccusage does.
   */
  kind: "direct" | "progress";
  /** False when ccusage's session/monthly loader rejects the line although the daily loader accepts it. */
  generalOk: boolean;
  /** False when ccusage's daily loader rejects the line although the others accept it (invalid UTF-8). */
  dailyOk: boolean;
  /** Present on Codex entries: reasoning tokens (already part of output) and the cached share of input. */
  reasoningOutputTokens?: number;
}

/** Where a log file sits, as reports group it. */
export interface FileIdentity {
  agent: AgentKind;
  path: string;
  /** First folder under `projects/` (Claude) — what `--project` filters on. */
  project: string;
  /** The folder path a session report shows (Claude), or the rollout's folder (Codex). */
  projectPath: string;
  /** Session id derived from the path: file name, parent folder, or the folder holding `subagents/`. */
  sessionId: string;
}

/** Per-model totals inside a report row, in ccusage's JSON shape. */
export interface ModelBreakdown {
  modelName: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  cost: number;
  missingPricing?: true;
}

/** Token and cost totals shared by every row and by the totals object. */
export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  totalTokens: number;
  totalCost: number;
}

export interface ReportRowBase extends UsageTotals {
  modelsUsed: string[];
  modelBreakdowns: ModelBreakdown[];
}

export interface DailyRow extends ReportRowBase {
  date: string;
}

export interface MonthlyRow extends ReportRowBase {
  month: string;
}

export interface SessionRow extends ReportRowBase {
  sessionId: string;
  projectPath: string;
  agent: AgentKind;
  firstActivity: string;
  lastActivity: string;
}

export interface IssueRow extends ReportRowBase {
  /** `owner/repo#123`. */
  issue: string;
  repo: string;
  number: number;
  /** Drover session ids whose agents worked on the issue. */
  droverSessions: string[];
  /** Agent session ids (Claude/Codex) counted in this row. */
  agentSessions: string[];
}

export interface ReportTotals extends UsageTotals {
  /** Models seen with tokens but no price: their cost counts as 0. */
  unpricedModels?: string[];
}

/** What reading the logs found besides usage: so the CLI can say what it skipped. */
export interface ScanStats {
  files: number;
  bytesRead: number;
  /** Lines that looked like usage lines but were malformed or truncated, and were skipped. */
  malformedLines: number;
  /** Files served whole from the cache without reading. */
  cachedFiles: number;
}
