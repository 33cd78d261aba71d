// GET /api/costs/summary: what the agents cost today, over the last 7 days and this month (UTC days), from the
// store's per-day aggregates — the same figures as the dashboard's costs page, and like them only of the
// accounts the viewer may see.
import type { IncomingMessage, ServerResponse } from "node:http";
import { visibleAccounts } from "../../dashboard/auth/viewer.js";
import { costPeriods, firstDayNeeded } from "../../dashboard/cost-summary.js";
import { lastDays, utcDay } from "../../dashboard/format.js";
import type { CostSum } from "../../store/cost-counters.js";
import type { AppContext } from "../app-context.js";
import { sendJson } from "../http.js";
import { noQuerySchema, parseParams, queryOf } from "./cost-params.js";
import { costViewer } from "./cost-viewer.js";

export interface PeriodCostJson extends CostSum {
  /** First and last UTC day of the period, YYYY-MM-DD, both included. */
  from: string;
  to: string;
}

export interface CostSummaryReport {
  timeZone: "UTC";
  today: PeriodCostJson;
  /** The last 7 days, today included. */
  week: PeriodCostJson;
  /** This calendar month so far. */
  month: PeriodCostJson;
}

export async function handleCostSummary(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const viewer = costViewer(app, req, res);
  if (!viewer) return;
  parseParams(noQuerySchema, queryOf(req), "query");
  const now = app.now();
  const today = utcDay(now);
  const accounts = visibleAccounts(viewer.principal);
  const periods = costPeriods(await app.store.readCostByDay(firstDayNeeded(now, 7), today, accounts), now);
  const report: CostSummaryReport = {
    timeZone: "UTC",
    today: { from: today, to: today, ...periods.today },
    week: { from: lastDays(now, 7)[0]!, to: today, ...periods.week },
    month: { from: `${today.slice(0, 7)}-01`, to: today, ...periods.month },
  };
  sendJson(res, 200, report);
}
