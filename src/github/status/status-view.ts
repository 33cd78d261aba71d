// Gathers what the status comment shows: the session as stored now, its repo config and the issue's cost.
import type { Session } from "../../core/session.js";
import type { AppContext } from "../../server/app-context.js";
import { issueCosts } from "./issue-costs.js";
import type { StatusView } from "./render-status.js";

export async function loadStatusView(app: AppContext, session: Session): Promise<StatusView> {
  const [config, costs] = await Promise.all([
    app.repoConfig(session.repo),
    issueCosts(app, session.repo, session.issue.key),
  ]);
  return {
    session,
    config,
    cost: costs.total,
    sessionCount: Math.max(costs.sessions.length, 1),
    now: app.now(),
  };
}
