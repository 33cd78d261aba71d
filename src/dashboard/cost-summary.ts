// The numbers of the costs page, from the store's aggregates (pure): totals for today, the last 7 days and
// this month, the daily series, and one row per issue joined with its sessions' titles.
import type { Session } from "../core/session.js";
import { addSums, type CostSum, issueCostKey, sumCost } from "../store/cost-counters.js";
import type { CostByModel } from "../store/store.js";
import { lastDays, utcDay } from "./format.js";

export interface CostPeriods {
  today: CostSum;
  /** The last 7 UTC days, today included. */
  week: CostSum;
  /** The current UTC calendar month so far. */
  month: CostSum;
}

export interface IssueCostRow {
  /** "owner/name#key", the key the store aggregates issues under. */
  key: string;
  repo: string;
  issueKey: string;
  title: string | undefined;
  url: string | undefined;
  sessions: number;
  usd: number;
  tokens: number;
  models: string[];
}

/** The first day to read so one readCostByDay call covers the chart (`chartDays`), the week and the month. */
export function firstDayNeeded(now: number, chartDays: number): string {
  const monthStart = `${utcDay(now).slice(0, 7)}-01`;
  const chartStart = lastDays(now, Math.max(chartDays, 7))[0]!;
  return monthStart < chartStart ? monthStart : chartStart;
}

export function costPeriods(byDay: Record<string, CostByModel>, now: number): CostPeriods {
  const today = utcDay(now);
  const week = new Set(lastDays(now, 7));
  const month = today.slice(0, 7);
  const pick = (keep: (day: string) => boolean) =>
    addSums(
      Object.entries(byDay)
        .filter(([day]) => keep(day))
        .map(([, byModel]) => sumCost(byModel)),
    );
  return {
    today: pick((day) => day === today),
    week: pick((day) => week.has(day)),
    month: pick((day) => day.startsWith(month) && day <= today),
  };
}

export function dailyCost(
  byDay: Record<string, CostByModel>,
  days: readonly string[],
): { day: string; usd: number }[] {
  return days.map((day) => ({ day, usd: sumCost(byDay[day]).usd }));
}

/** Most expensive first; titles and links come from the newest session of each issue. */
export function issueCostRows(
  byIssue: Record<string, CostByModel>,
  sessions: readonly Session[],
): IssueCostRow[] {
  const sessionsByIssue = new Map<string, Session[]>();
  for (const session of sessions) {
    const key = issueCostKey(session.repo, session.issue.key);
    sessionsByIssue.set(key, [...(sessionsByIssue.get(key) ?? []), session]);
  }
  return Object.entries(byIssue)
    .map(([key, byModel]): IssueCostRow => {
      const related = sessionsByIssue.get(key) ?? [];
      const newest = related.reduce<Session | undefined>(
        (a, b) => (a === undefined || b.createdAt >= a.createdAt ? b : a),
        undefined,
      );
      const hash = key.lastIndexOf("#");
      const sum = sumCost(byModel);
      return {
        key,
        repo: key.slice(0, hash),
        issueKey: key.slice(hash + 1),
        title: newest?.issue.title,
        url: newest?.issue.url,
        sessions: related.length,
        usd: sum.usd,
        tokens: sum.tokens,
        models: Object.keys(byModel).sort(),
      };
    })
    .sort((a, b) => b.usd - a.usd || a.key.localeCompare(b.key));
}
