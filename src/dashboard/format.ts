// How the dashboard writes amounts, token counts, durations and times, the same way on every page.

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** "$12.34", written as the cost badge writes it (src/cost/cost-badge.ts). */
export { formatUsd } from "../cost/cost-badge.js";

/** "950", "12.3k", "4.5M". */
export function formatTokens(tokens: number): string {
  if (tokens < 1000) return String(tokens);
  if (tokens < 1_000_000) return `${(tokens / 1000).toFixed(tokens < 10_000 ? 1 : 0)}k`;
  return `${(tokens / 1_000_000).toFixed(tokens < 10_000_000 ? 1 : 0)}M`;
}

/** A span of time in at most two units: "45s", "12m", "3h 5m", "2d 4h". */
export function formatSpan(ms: number): string {
  const t = Math.max(0, ms);
  if (t < minute) return `${Math.round(t / 1000)}s`;
  if (t < hour) return `${Math.floor(t / minute)}m`;
  if (t < day) {
    const m = Math.floor((t % hour) / minute);
    return `${Math.floor(t / hour)}h${m ? ` ${m}m` : ""}`;
  }
  const h = Math.floor((t % day) / hour);
  return `${Math.floor(t / day)}d${h ? ` ${h}h` : ""}`;
}

/** "5m ago", "just now". */
export function formatAgo(at: number, now: number): string {
  const elapsed = now - at;
  if (elapsed < minute) return "just now";
  return `${formatSpan(elapsed)} ago`;
}

/** "2026-11-22 09:05 UTC": the server renders in UTC, the zone the cost days use too. */
export function formatUtc(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "82%", or an en dash when there is nothing to divide by. */
export function formatShare(share: number | undefined): string {
  return share === undefined ? "–" : `${Math.round(share * 100)}%`;
}

/** The UTC day (YYYY-MM-DD) of a timestamp, the key the cost aggregates use. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The `count` UTC days ending with the day of `now`, oldest first. */
export function lastDays(now: number, count: number): string[] {
  const days: string[] = [];
  for (let i = count - 1; i >= 0; i--) days.push(utcDay(now - i * day));
  return days;
}
