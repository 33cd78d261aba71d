// One session as a line of the attention view: what it is about, its state and why it is in its zone, and
// the facts people scan for (repo and issue, agent, PR, cost, last change).
import type { Session, SessionState } from "../../core/session.js";
import type { ZoneVerdict } from "../attention-zone.js";
import { formatAgo } from "../format.js";
import { html, type SafeHtml } from "../html.js";
import { sessionPath } from "../session-path.js";
import { costBadge } from "./cost-badge-view.js";

const stateLabels: Record<SessionState, string> = {
  queued: "Queued",
  spawning: "Spawning",
  working: "Working",
  needs_input: "Needs input",
  stuck: "Stuck",
  errored: "Errored",
  pr_open: "PR open",
  ci_failed: "CI failed",
  review_pending: "Review pending",
  changes_requested: "Changes requested",
  approved: "Approved",
  mergeable: "Mergeable",
  merged: "Merged",
  done: "Done",
  closed: "Closed",
  killed: "Killed",
};

export function stateLabel(state: SessionState): string {
  return stateLabels[state];
}

export function sessionCard(session: Session, verdict: ZoneVerdict, now: number): SafeHtml {
  const pr = session.pr;
  return html`<li class="session zone-${verdict.zone}" data-session="${session.id}">
  <div class="session-head">
    <a class="session-title" href="${sessionPath(session)}">${session.issue.title}</a>
    <span class="chip state">${stateLabel(session.state)}</span>
  </div>
  <p class="reason">${verdict.reason}</p>
  <p class="meta">
    <a href="${session.issue.url}">${session.repo}#${session.issue.key}</a>
    · ${session.agent}${session.model ? ` (${session.model})` : ""}
    ${pr ? html`· <a href="${pr.url}">PR #${pr.number}</a>` : ""}
    · ${costBadge(session.cost.usd)}
    · updated <time datetime="${new Date(session.updatedAt).toISOString()}">${formatAgo(session.updatedAt, now)}</time>
  </p>
</li>`;
}
