// A runner's cost update: the cumulative usage of one agent session for one model and day goes to the cost
// aggregates (a repeat adds nothing), then the session hears its new total (budgets are checked there).
import type { SessionEvent } from "../../core/events.js";
import type { Session } from "../../core/session.js";
import { utcDay } from "../../dashboard/format.js";
import type { RunnerEvent } from "../../protocol/runner-events.js";
import { sumCost } from "../../store/cost-counters.js";
import type { AppContext } from "../app-context.js";

type CostEvent = Extract<RunnerEvent, { type: "agent.cost" }>;

/** The core event carrying the session's, issue's and day's totals after this report. */
export async function recordAgentCost(
  app: AppContext,
  session: Session,
  event: CostEvent,
  id: string,
): Promise<SessionEvent> {
  await app.store.recordCost({
    sessionId: session.id,
    repo: session.repo,
    issueKey: session.issue.key,
    agentSessionId: event.agentSessionId,
    model: event.model,
    day: event.day,
    inputTokens: event.inputTokens,
    outputTokens: event.outputTokens,
    cacheCreationTokens: event.cacheCreationTokens,
    cacheReadTokens: event.cacheReadTokens,
    usd: event.usd,
  });
  // The day budget guards today (UTC): a late report of yesterday's usage is counted for yesterday but does not
  // stop an agent today. A machine clock ahead of ours may already report tomorrow; that day counts then.
  const today = utcDay(app.now());
  const [bySession, byIssue, byDay] = await Promise.all([
    app.store.readCost({ kind: "session", sessionId: session.id }),
    app.store.readCost({ kind: "issue", repo: session.repo, issueKey: session.issue.key }),
    app.store.readCost({ kind: "day", day: event.day > today ? event.day : today }),
  ]);
  // Sums rounded to whole micro-dollars, as the store keeps them: $0.10 + $0.70 must reach a $0.80 budget.
  const total = sumCost(bySession);
  return {
    type: "agent.cost",
    id,
    usd: total.usd,
    tokens: total.tokens,
    issueUsd: sumCost(byIssue).usd,
    dayUsd: sumCost(byDay).usd,
  };
}
