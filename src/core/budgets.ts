// Budgets stop runaway agents: a warning near the limit, and at the limit the agent is stopped.
import { stop } from "./apply-event.js";
import type { Draft } from "./context.js";
import type { SessionEvent } from "./events.js";
import { notify } from "./react.js";
import { isEnded, remember } from "./session.js";

const money = (usd: number) => `$${usd.toFixed(2)}`;

export function checkBudgets(draft: Draft, event: Extract<SessionEvent, { type: "agent.cost" }>): void {
  const { session: s, ctx } = draft;
  // A late report for a session that is over (merged, closed, already stopped) is recorded, but there is no
  // agent left to stop: stopping would turn a merged session into a killed one and page someone for nothing.
  if (isEnded(s.state)) return;
  const { budgets } = ctx.config;
  const scopes = [
    { scope: "session", limit: budgets.perSession, spent: s.cost.usd },
    { scope: "issue", limit: budgets.perIssue, spent: event.issueUsd },
    { scope: "day", limit: budgets.perDay, spent: event.dayUsd },
  ];
  for (const { scope, limit, spent } of scopes) {
    if (limit === undefined || spent === undefined) continue;
    if (spent >= limit && !s.memory.notified.includes(`budget-stop:${scope}`)) {
      s.memory.notified = remember(s.memory.notified, `budget-stop:${scope}`);
      const what = `The per-${scope} budget of ${money(limit)} is spent (${money(spent)}).`;
      stop(draft, `stopped: the per-${scope} budget of ${money(limit)} was reached`);
      notify(
        draft,
        "urgent",
        "budget-stop",
        `Agent stopped at its budget: ${s.issue.title}`,
        `${what} The agent was stopped.`,
        ["open"],
      );
      return;
    }
    if (
      spent >= limit * budgets.warnAt &&
      spent < limit &&
      !s.memory.notified.includes(`budget-warning:${scope}`)
    ) {
      s.memory.notified = remember(s.memory.notified, `budget-warning:${scope}`);
      notify(
        draft,
        "warning",
        "budget-warning",
        `Budget ${Math.round((spent / limit) * 100)}% spent: ${s.issue.title}`,
        `${money(spent)} of the per-${scope} budget of ${money(limit)}.`,
        ["kill", "open"],
      );
    }
  }
}
