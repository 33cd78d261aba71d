// How bad a finding is, in one fixed order, so counts, sorting and `fail_on` thresholds all agree.
import { z } from "zod";

/** Most severe first. */
export const severities = ["blocker", "critical", "high", "medium", "low"] as const;
export type Severity = (typeof severities)[number];
export const severitySchema = z.enum(severities);

/** 0 for blocker, 4 for low: smaller is worse. */
export function severityRank(severity: Severity): number {
  return severities.indexOf(severity);
}

/** True when `severity` is as bad as `threshold` or worse. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(items: readonly { severity: Severity }[]): SeverityCounts {
  const counts: SeverityCounts = { blocker: 0, critical: 0, high: 0, medium: 0, low: 0 };
  for (const item of items) counts[item.severity] += 1;
  return counts;
}
