// GET /api/issues/:owner/:repo/:number/costs: what one issue has cost — the total, each session that worked on
// it (its agent and model) and each model with its share — from the store's cost aggregates.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Session } from "../../core/session.js";
import { canSee } from "../../dashboard/auth/viewer.js";
import { issueCostKey } from "../../store/cost-counters.js";
import type { CostByModel } from "../../store/store.js";
import type { AppContext } from "../app-context.js";
import { HttpError, sendJson } from "../http.js";
import { byModelJson, type CostJson, type ModelCostJson, totalOf } from "./cost-json.js";
import { issueCostParamsSchema, noQuerySchema, parseParams, queryOf } from "./cost-params.js";
import { costViewer } from "./cost-viewer.js";

export interface SessionCostJson extends CostJson {
  sessionId: string;
  /** The session's type: the agent it runs (claude-code, codex, aider, custom). */
  agent: string;
  /** The model the session was started with; else the one it spent most on; null before any report. */
  model: string | null;
  /** Every model its usage was reported under, most expensive first. */
  models: string[];
  state: Session["state"];
  startedAt: string;
  endedAt: string | null;
}

export interface IssueCostReport {
  /** "owner/name#42" */
  issue: string;
  repo: string;
  issueKey: string;
  title: string | null;
  url: string | null;
  total: CostJson;
  sessions: SessionCostJson[];
  byModel: ModelCostJson[];
}

export function issueCostReport(
  repo: string,
  issueKey: string,
  issueCost: CostByModel,
  sessions: readonly { session: Session; cost: CostByModel }[],
): IssueCostReport {
  const total = totalOf(issueCost);
  const newest = sessions.at(-1)?.session;
  return {
    issue: issueCostKey(repo, issueKey),
    repo,
    issueKey,
    title: newest?.issue.title ?? null,
    url: newest?.issue.url ?? null,
    total,
    sessions: sessions.map(({ session, cost }) => {
      const models = byModelJson(cost, 0).map((m) => m.model);
      return {
        sessionId: session.id,
        agent: session.agent,
        model: session.model ?? models[0] ?? null,
        models,
        state: session.state,
        startedAt: new Date(session.createdAt).toISOString(),
        endedAt: session.endedAt === undefined ? null : new Date(session.endedAt).toISOString(),
        ...totalOf(cost),
      };
    }),
    byModel: byModelJson(issueCost, total.usd),
  };
}

export async function handleIssueCosts(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
): Promise<void> {
  const viewer = costViewer(app, req, res);
  if (!viewer) return;
  const { owner, repo: name, number: issueKey } = parseParams(issueCostParamsSchema, params, "issue path");
  parseParams(noQuerySchema, queryOf(req, params), "query");
  const asked = `${owner}/${name}`;
  const sessions = await sessionsOfIssue(app, asked, issueKey);
  const repo = sessions[0]?.repo ?? asked;
  const key = sessions[0]?.issue.key ?? issueKey;
  const [issueCost, sessionCosts] = await Promise.all([
    app.store.readCost({ kind: "issue", repo, issueKey: key }),
    Promise.all(sessions.map((s) => app.store.readCost({ kind: "session", sessionId: s.id }))),
  ]);
  // Someone signed in with GitHub sees only their accounts' repos; for the rest the issue does not exist.
  if ((sessions.length === 0 && Object.keys(issueCost).length === 0) || !canSee(viewer.principal, repo))
    throw new HttpError(
      404,
      `No Drover session has worked on ${asked}#${issueKey} that you can see; GET /api/costs/by-issue lists the issues with cost.`,
    );
  const report = issueCostReport(
    repo,
    key,
    issueCost,
    sessions.map((session, i) => ({ session, cost: sessionCosts[i]! })),
  );
  sendJson(res, 200, report);
}

/** The issue's sessions, oldest first, through the store's issue index; GitHub names are case-insensitive, so a
 * spelling other than the one the sessions were created with is looked up across all sessions. */
async function sessionsOfIssue(app: AppContext, repo: string, issueKey: string): Promise<Session[]> {
  const exact = await app.store.listSessions({ repo, issueKey });
  if (exact.length > 0) return exact;
  return (await app.store.listSessions()).filter(
    (s) => s.repo.toLowerCase() === repo.toLowerCase() && s.issue.key.toUpperCase() === issueKey,
  );
}
