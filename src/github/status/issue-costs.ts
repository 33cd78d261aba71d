// What an issue's sessions have cost so far, from the store's cost aggregates (falling back to what the
// sessions' own cost reports say when no aggregate exists yet).
import type { Session } from "../../core/session.js";
import type { AppContext } from "../../server/app-context.js";
import { type CostSum, sumCost, totalTokens } from "../../store/cost-counters.js";

export interface IssueCosts {
  total: CostSum;
  sessions: { session: Session; cost: CostSum }[];
  byModel: { model: string; cost: CostSum }[];
}

/** The sessions of the repo that work on the same issue, oldest first. */
export async function sessionsOfIssue(app: AppContext, repo: string, issueKey: string): Promise<Session[]> {
  return app.store.listSessions({ repo, issueKey });
}

export async function issueCosts(
  app: AppContext,
  repo: string,
  issueKey: string,
  options: { perSession?: boolean } = {},
): Promise<IssueCosts> {
  const [sessions, byModel] = await Promise.all([
    sessionsOfIssue(app, repo, issueKey),
    app.store.readCost({ kind: "issue", repo, issueKey }),
  ]);
  const perSession = await Promise.all(
    sessions.map(async (session) => {
      const recorded = options.perSession
        ? sumCost(await app.store.readCost({ kind: "session", sessionId: session.id }))
        : { usd: 0, tokens: 0 };
      const cost = recorded.usd > 0 || recorded.tokens > 0 ? recorded : session.cost;
      return { session, cost };
    }),
  );
  const aggregated = sumCost(byModel);
  const fromSessions = perSession.reduce(
    (acc, { session }) => ({ usd: acc.usd + session.cost.usd, tokens: acc.tokens + session.cost.tokens }),
    { usd: 0, tokens: 0 },
  );
  return {
    total: aggregated.usd > 0 || aggregated.tokens > 0 ? aggregated : fromSessions,
    sessions: perSession,
    byModel: Object.entries(byModel)
      .map(([model, totals]) => ({ model, cost: { usd: totals.usd, tokens: totalTokens(totals) } }))
      .sort((a, b) => b.cost.usd - a.cost.usd),
  };
}
