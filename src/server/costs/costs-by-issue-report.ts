// GET /api/costs/by-issue[?repo=owner/name]: every issue with recorded cost, most expensive first, with its
// title, sessions and models — the same rows as the dashboard's costs page, limited to what the viewer may see.
import type { IncomingMessage, ServerResponse } from "node:http";
import { canSee } from "../../dashboard/auth/viewer.js";
import { issueCostRows } from "../../dashboard/cost-summary.js";
import { visibleSessions } from "../../dashboard/load-sessions.js";
import type { CostSum } from "../../store/cost-counters.js";
import { addSums } from "../../store/cost-counters.js";
import type { AppContext } from "../app-context.js";
import { sendJson } from "../http.js";
import { byIssueQuerySchema, parseParams, queryOf } from "./cost-params.js";
import { costViewer } from "./cost-viewer.js";

export interface IssueCostRowJson extends CostSum {
  /** "owner/name#42" */
  issue: string;
  repo: string;
  issueKey: string;
  title: string | null;
  url: string | null;
  /** How many Drover sessions worked on it. */
  sessions: number;
  models: string[];
}

export interface CostsByIssueReport {
  issues: IssueCostRowJson[];
  total: CostSum;
}

export async function handleCostsByIssue(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const viewer = costViewer(app, req, res);
  if (!viewer) return;
  const query = parseParams(byIssueQuerySchema, queryOf(req), "query");
  const [byIssue, sessions] = await Promise.all([
    app.store.readCostByIssue(),
    visibleSessions(app, viewer.principal),
  ]);
  const issues = issueCostRows(byIssue, sessions)
    .filter((row) => canSee(viewer.principal, row.repo))
    .filter((row) => !query.repo || row.repo.toLowerCase() === query.repo.toLowerCase())
    .map(
      (row): IssueCostRowJson => ({
        issue: row.key,
        repo: row.repo,
        issueKey: row.issueKey,
        title: row.title ?? null,
        url: row.url ?? null,
        sessions: row.sessions,
        models: row.models,
        usd: row.usd,
        tokens: row.tokens,
      }),
    );
  const report: CostsByIssueReport = { issues, total: addSums(issues) };
  sendJson(res, 200, report);
}
