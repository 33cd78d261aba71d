// Turns loaded usage entries into the daily, monthly, session and issue reports (pure: no I/O).
import { calculateCost } from "./calculate-cost.js";
import { createDateKeys, type DateKeys } from "./date-keys.js";
import { type DateRange, inRange } from "./date-range.js";
import { dedupeForDaily, dedupeForSessions, type PricedEntry } from "./dedupe-entries.js";
import type { PriceLookup } from "./find-model-price.js";
import type { SessionLink } from "./links.js";
import type { LoadedFile } from "./load-usage.js";
import { RowAccumulator, totalsOf } from "./summarize-entries.js";
import type {
  CostMode,
  DailyRow,
  IssueRow,
  MonthlyRow,
  ReportTotals,
  SessionRow,
  UsageTotals,
} from "./types.js";

export interface SummarizeOptions {
  mode: CostMode;
  timeZone: string;
  range: DateRange;
  prices: PriceLookup;
}

export interface DailyReport {
  daily: DailyRow[];
  totals: ReportTotals;
}
export interface MonthlyReport {
  monthly: MonthlyRow[];
  totals: ReportTotals;
}
export interface SessionReport {
  sessions: SessionRow[];
  totals: ReportTotals;
}
export interface IssueReport {
  issues: IssueRow[];
  /** Usage of agent sessions the links file does not name. */
  unlinked: UsageTotals & { agentSessions: number };
  totals: ReportTotals;
}

function price(
  files: readonly LoadedFile[],
  mode: CostMode,
  prices: PriceLookup,
  dailyReport: boolean,
): PricedEntry[] {
  const priced: PricedEntry[] = [];
  for (const { file, entries } of files) {
    for (const entry of entries) {
      // Progress copies only count in the daily report, and a few lines only pass its looser schema.
      if (dailyReport ? !entry.dailyOk : entry.kind !== "direct" || !entry.generalOk) continue;
      const { cost, unpriced } = calculateCost(entry, mode, prices);
      priced.push({ entry, file, cost, unpriced, session: entry.sessionIdField ?? file.sessionId });
    }
  }
  return priced;
}

function inDateRange(entries: PricedEntry[], keys: DateKeys, range: DateRange): PricedEntry[] {
  if (range.since === undefined && range.until === undefined) return entries;
  return entries.filter((e) => inRange(keys.day(e.entry.timestamp), range));
}

function groupBy(
  entries: readonly PricedEntry[],
  key: (e: PricedEntry) => string,
): Map<string, RowAccumulator> {
  const groups = new Map<string, RowAccumulator>();
  for (const entry of entries) {
    const k = key(entry);
    let group = groups.get(k);
    if (!group) {
      group = new RowAccumulator();
      groups.set(k, group);
    }
    group.add(entry);
  }
  return groups;
}

const byKey = <T>(groups: Map<string, T>) =>
  [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function summarizeDaily(files: readonly LoadedFile[], options: SummarizeOptions): DailyReport {
  const keys = createDateKeys(options.timeZone);
  const entries = inDateRange(
    dedupeForDaily(price(files, options.mode, options.prices, true)),
    keys,
    options.range,
  );
  const daily = byKey(groupBy(entries, (e) => keys.day(e.entry.timestamp))).map(([date, acc]) => ({
    date,
    ...acc.toRow(),
  }));
  return { daily, totals: totalsOf(daily) };
}

function sessionEntries(
  files: readonly LoadedFile[],
  options: SummarizeOptions,
  keys: DateKeys,
): PricedEntry[] {
  return inDateRange(
    dedupeForSessions(price(files, options.mode, options.prices, false)),
    keys,
    options.range,
  );
}

export function summarizeMonthly(files: readonly LoadedFile[], options: SummarizeOptions): MonthlyReport {
  const keys = createDateKeys(options.timeZone);
  const entries = sessionEntries(files, options, keys);
  const monthly = byKey(groupBy(entries, (e) => keys.month(e.entry.timestamp))).map(([month, acc]) => ({
    month,
    ...acc.toRow(),
  }));
  return { monthly, totals: totalsOf(monthly) };
}

/** Sessions are grouped by the path they were read from, listed by cost (highest first), ties in read order. */
export function summarizeSessions(files: readonly LoadedFile[], options: SummarizeOptions): SessionReport {
  const keys = createDateKeys(options.timeZone);
  const entries = sessionEntries(files, options, keys);
  const groups = groupBy(entries, (e) => `${e.file.agent}\0${e.file.projectPath}\0${e.file.sessionId}`);
  const sessions: SessionRow[] = [...groups.entries()].map(([key, acc]) => {
    const [agent, projectPath, sessionId] = key.split("\0") as [SessionRow["agent"], string, string];
    return {
      sessionId,
      projectPath,
      agent,
      firstActivity: new Date(acc.firstActivity).toISOString(),
      lastActivity: new Date(acc.lastActivity).toISOString(),
      ...acc.toRow(),
    };
  });
  // Like ccusage, a session without a single token (only API errors, say) is not listed, even with a cost.
  const listed = sessions.filter((row) => row.totalTokens > 0).sort((a, b) => b.totalCost - a.totalCost);
  return { sessions: listed, totals: totalsOf(listed) };
}

/** Adds usage up per Drover issue, through the links the runner recorded for each agent session. */
export function summarizeIssues(
  files: readonly LoadedFile[],
  links: ReadonlyMap<string, SessionLink>,
  options: SummarizeOptions,
): IssueReport {
  const keys = createDateKeys(options.timeZone);
  const entries = sessionEntries(files, options, keys);
  const linked: PricedEntry[] = [];
  const unlinkedAcc = new RowAccumulator();
  const unlinkedSessions = new Set<string>();
  const meta = new Map<string, { repo: string; number: number; drover: Set<string>; agent: Set<string> }>();
  for (const e of entries) {
    const link = links.get(e.session) ?? links.get(e.file.sessionId);
    if (!link) {
      unlinkedAcc.add(e);
      unlinkedSessions.add(`${e.file.agent}\0${e.session}`);
      continue;
    }
    const issue = `${link.repo}#${link.issue}`;
    let m = meta.get(issue);
    if (!m) {
      m = { repo: link.repo, number: link.issue, drover: new Set(), agent: new Set() };
      meta.set(issue, m);
    }
    m.drover.add(link.sessionId);
    m.agent.add(e.session);
    linked.push(e);
  }
  const groups = groupBy(linked, (e) => {
    const link = links.get(e.session) ?? links.get(e.file.sessionId)!;
    return `${link.repo}#${link.issue}`;
  });
  const issues: IssueRow[] = [...groups.entries()].map(([issue, acc]) => {
    const m = meta.get(issue)!;
    return {
      issue,
      repo: m.repo,
      number: m.number,
      droverSessions: [...m.drover],
      agentSessions: [...m.agent],
      ...acc.toRow(),
    };
  });
  issues.sort((a, b) => b.totalCost - a.totalCost);
  const u = unlinkedAcc.toRow();
  return {
    issues,
    unlinked: {
      inputTokens: u.inputTokens,
      outputTokens: u.outputTokens,
      cacheCreationTokens: u.cacheCreationTokens,
      cacheReadTokens: u.cacheReadTokens,
      totalTokens: u.totalTokens,
      totalCost: u.totalCost,
      agentSessions: unlinkedSessions.size,
    },
    totals: totalsOf(issues),
  };
}
