// Turns the de-duplicated entries (a Ledger) into the daily, monthly, session and issue reports (pure: no I/O).
import { createDateKeys, type DateKeys } from "./date-keys.js";
import { type DateRange, inRange } from "./date-range.js";
import { type DedupeRules, Ledger, type SlotValues } from "./dedupe-entries.js";
import type { PriceLookup } from "./find-model-price.js";
import type { SessionLink } from "./links.js";
import { RowAccumulator, totalsOf } from "./summarize-entries.js";
import type {
  CostMode,
  DailyRow,
  FileIdentity,
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

/** The ledger a report needs: the daily report merges copies by its own rules (see dedupe-entries.ts). */
export function createLedger(
  kind: "daily" | "monthly" | "session" | "issue",
  options: SummarizeOptions,
): Ledger {
  const rules: DedupeRules = kind === "daily" ? "daily" : "sessions";
  return new Ledger(rules, { mode: options.mode, prices: options.prices });
}

/** Calls `each(values)` for the ledger's slots in order, leaving out days outside the range. */
function forSlots(ledger: Ledger, keys: DateKeys, range: DateRange, each: (slot: SlotValues) => void): void {
  const filtered = range.since !== undefined || range.until !== undefined;
  for (let slot = 0; slot < ledger.count; slot++) {
    const values = ledger.read(slot);
    if (filtered && !inRange(keys.day(values.ts), range)) continue;
    each(values);
  }
}

function addSlot(acc: RowAccumulator, ledger: Ledger, v: SlotValues): void {
  acc.addValues(
    v.model < 0 ? undefined : ledger.models.list[v.model],
    v.input,
    v.output,
    v.cacheWrite5m + v.cacheWrite1h,
    v.cacheRead,
    v.cost,
    v.unpriced,
    v.ts,
  );
}

function groupSlots(
  ledger: Ledger,
  keys: DateKeys,
  range: DateRange,
  key: (slot: SlotValues) => string | undefined,
): Map<string, RowAccumulator> {
  const groups = new Map<string, RowAccumulator>();
  forSlots(ledger, keys, range, (values) => {
    const k = key(values);
    if (k === undefined) return;
    let group = groups.get(k);
    if (!group) {
      group = new RowAccumulator();
      groups.set(k, group);
    }
    addSlot(group, ledger, values);
  });
  return groups;
}

const byKey = <T>(groups: Map<string, T>) =>
  [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function summarizeDaily(ledger: Ledger, options: SummarizeOptions): DailyReport {
  const keys = createDateKeys(options.timeZone);
  const groups = groupSlots(ledger, keys, options.range, (slot) => keys.day(slot.ts));
  const daily = byKey(groups).map(([date, acc]) => ({ date, ...acc.toRow() }));
  return { daily, totals: totalsOf(daily) };
}

export function summarizeMonthly(ledger: Ledger, options: SummarizeOptions): MonthlyReport {
  const keys = createDateKeys(options.timeZone);
  const groups = groupSlots(ledger, keys, options.range, (slot) => keys.month(slot.ts));
  const monthly = byKey(groups).map(([month, acc]) => ({ month, ...acc.toRow() }));
  return { monthly, totals: totalsOf(monthly) };
}

/** Sessions are grouped by the path they were read from, listed by cost (highest first), ties in read order. */
export function summarizeSessions(
  ledger: Ledger,
  files: readonly FileIdentity[],
  options: SummarizeOptions,
): SessionReport {
  const keys = createDateKeys(options.timeZone);
  const fileKeys = files.map((f) => `${f.agent}\0${f.projectPath}\0${f.sessionId}`);
  const groups = groupSlots(ledger, keys, options.range, (slot) => fileKeys[slot.file]);
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
  ledger: Ledger,
  files: readonly FileIdentity[],
  links: ReadonlyMap<string, SessionLink>,
  options: SummarizeOptions,
): IssueReport {
  const keys = createDateKeys(options.timeZone);
  const unlinkedAcc = new RowAccumulator();
  const unlinkedSessions = new Set<string>();
  const meta = new Map<string, { repo: string; number: number; drover: Set<string>; agent: Set<string> }>();
  const groups = new Map<string, RowAccumulator>();
  forSlots(ledger, keys, options.range, (slot) => {
    const session = ledger.sessions.list[slot.session]!;
    const file = files[slot.file]!;
    const link = links.get(session) ?? links.get(file.sessionId);
    if (!link) {
      addSlot(unlinkedAcc, ledger, slot);
      unlinkedSessions.add(`${file.agent}\0${session}`);
      return;
    }
    const issue = `${link.repo}#${link.issue}`;
    let m = meta.get(issue);
    if (!m) {
      m = { repo: link.repo, number: link.issue, drover: new Set(), agent: new Set() };
      meta.set(issue, m);
    }
    m.drover.add(link.sessionId);
    m.agent.add(session);
    let group = groups.get(issue);
    if (!group) {
      group = new RowAccumulator();
      groups.set(issue, group);
    }
    addSlot(group, ledger, slot);
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
