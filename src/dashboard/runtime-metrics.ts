// How each agent and runtime performs, computed from the sessions alone (pure): tasks, success rate, mean
// duration and cost per (agent, runtime), and sessions finished per day for the chart.
import type { Session, SessionState } from "../core/session.js";
import { isEnded } from "../core/session.js";
import { utcDay } from "./format.js";

const succeededStates: ReadonlySet<SessionState> = new Set(["merged", "done"]);

export interface MetricsRow {
  agent: string;
  runtime: string;
  /** Sessions started. */
  tasks: number;
  /** Sessions that ended (merged, done, closed, killed). */
  finished: number;
  /** Ended with the PR merged. */
  succeeded: number;
  /** succeeded / finished; undefined while none has finished. */
  successRate: number | undefined;
  /** Mean time from start to end over finished sessions, in ms. */
  meanDurationMs: number | undefined;
  costUsd: number;
}

export interface DailyOutcome {
  day: string;
  started: number;
  succeeded: number;
  /** Ended without a merge (closed or killed). */
  failed: number;
}

export function succeeded(session: Session): boolean {
  return succeededStates.has(session.state);
}

/** One row per (agent, runtime), busiest first. `runtimeOf` supplies the runtime of sessions that lack one. */
export function runtimeMetrics(
  sessions: readonly Session[],
  runtimeOf: (s: Session) => string,
): MetricsRow[] {
  const groups = new Map<string, { agent: string; runtime: string; sessions: Session[] }>();
  for (const session of sessions) {
    const runtime = session.runtime ?? runtimeOf(session);
    const key = `${session.agent}\u0000${runtime}`;
    const group = groups.get(key) ?? { agent: session.agent, runtime, sessions: [] };
    group.sessions.push(session);
    groups.set(key, group);
  }
  const rows = [...groups.values()].map(({ agent, runtime, sessions: group }): MetricsRow => {
    const ended = group.filter((s) => isEnded(s.state));
    const wins = ended.filter(succeeded).length;
    const durations = ended.flatMap((s) => (s.endedAt === undefined ? [] : [s.endedAt - s.createdAt]));
    return {
      agent,
      runtime,
      tasks: group.length,
      finished: ended.length,
      succeeded: wins,
      successRate: ended.length ? wins / ended.length : undefined,
      meanDurationMs: durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : undefined,
      costUsd: group.reduce((sum, s) => sum + s.cost.usd, 0),
    };
  });
  return rows.sort(
    (a, b) => b.tasks - a.tasks || a.agent.localeCompare(b.agent) || a.runtime.localeCompare(b.runtime),
  );
}

/** Sessions started and finished on each of `days` (UTC), for the metrics chart. */
export function dailyOutcomes(sessions: readonly Session[], days: readonly string[]): DailyOutcome[] {
  const byDay = new Map(days.map((day) => [day, { day, started: 0, succeeded: 0, failed: 0 }]));
  for (const session of sessions) {
    const start = byDay.get(utcDay(session.createdAt));
    if (start) start.started += 1;
    if (!isEnded(session.state) || session.endedAt === undefined) continue;
    const end = byDay.get(utcDay(session.endedAt));
    if (!end) continue;
    if (succeeded(session)) end.succeeded += 1;
    else end.failed += 1;
  }
  return [...byDay.values()];
}
