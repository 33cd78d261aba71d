// The `--json` form of a report: ccusage's shape, so scripts written for `ccusage claude daily --json` work.
import type { CostReport } from "./build-cost-report.js";

export function reportJson(report: CostReport): unknown {
  switch (report.kind) {
    case "daily":
      return { daily: report.daily, totals: report.totals };
    case "monthly":
      return { monthly: report.monthly, totals: report.totals };
    case "session":
      return { sessions: report.sessions, totals: report.totals };
    case "issue":
      return {
        issues: report.issues,
        unlinked: report.unlinked,
        totals: report.totals,
        links: { path: report.links.path, exists: report.links.exists, count: report.links.count },
      };
  }
}
