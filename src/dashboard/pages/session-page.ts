// GET /dashboard/sessions/:id — one session in full: why it is in its zone, what to do about it (send a
// message, kill, merge), its PR with CI and reviews, its cost by model and its event timeline. Notification
// deep links land here.
import type { Session } from "../../core/session.js";
import { isEnded } from "../../core/session.js";
import { HttpError } from "../../server/http.js";
import { sumCost } from "../../store/cost-counters.js";
import type { CostByModel, LogEntry, RunnerRecord } from "../../store/store.js";
import { attentionZone, type ZoneVerdict } from "../attention-zone.js";
import { canSee, type Viewer } from "../auth/viewer.js";
import { formatAgo, formatTokens, formatUsd, formatUtc } from "../format.js";
import { html, type SafeHtml } from "../html.js";
import type { PageContent, PageRequest } from "../page-route.js";
import { sessionPath } from "../session-path.js";
import { costBadge } from "../views/cost-badge-view.js";
import { stateLabel } from "../views/session-card.js";

const zoneNames = { red: "Red", orange: "Orange", yellow: "Yellow", green: "Green", grey: "Grey" } as const;

const actionNotices: Record<string, string> = {
  send: "Message sent to the agent.",
  kill: "Kill requested: the runner stops the agent.",
  merge: "Merge requested.",
};

function notice(url: URL): SafeHtml {
  const done = url.searchParams.get("done");
  const ignored = url.searchParams.get("ignored");
  if (done && actionNotices[done]) return html`<p class="notice">${actionNotices[done]}</p>`;
  if (ignored && actionNotices[ignored])
    return html`<p class="notice">Nothing changed: the session has ended, or this was a repeat of an earlier request.</p>`;
  return html``;
}

function time(at: number | undefined, now: number): SafeHtml | string {
  if (at === undefined) return "–";
  return html`<time datetime="${new Date(at).toISOString()}">${formatUtc(at)}</time> <span class="muted">(${formatAgo(at, now)})</span>`;
}

function actionsPanel(session: Session, viewer: Viewer): SafeHtml {
  if (isEnded(session.state))
    return html`<p class="muted">This session has ended; there is nothing to act on.</p>`;
  const base = sessionPath(session);
  const csrf = viewer.csrf ? html`<input type="hidden" name="csrf" value="${viewer.csrf}">` : "";
  const phase = session.agentFacts.phase;
  const hint = session.agentFacts.needsInput
    ? "It is your answer to its question."
    : phase === "exited"
      ? "The agent is not running: sending starts it again with your message."
      : "It is sent to the agent as a new instruction.";
  const send =
    phase === "running" || phase === "exited"
      ? html`<form class="send-form" method="post" action="${base}/send">
    ${csrf}
    <label for="message">Message to the agent <span class="hint" id="message-hint">${hint}</span></label>
    <textarea id="message" name="message" required maxlength="20000" aria-describedby="message-hint"></textarea>
    <p><button type="submit" class="primary">Send message</button></p>
  </form>`
      : html`<p class="muted send-form">The agent has not started yet; you can send it a message once it runs.</p>`;
  return html`<div class="actions">
  ${send}
  ${
    session.pr?.status === "open"
      ? html`<form method="post" action="${base}/merge" data-confirm="Merge PR #${session.pr.number} now?">${csrf}<button type="submit"${session.state === "mergeable" ? html` class="primary"` : ""}>Merge PR #${session.pr.number}</button></form>`
      : ""
  }
  <form method="post" action="${base}/kill" data-confirm="Kill this session? The agent is stopped.">${csrf}<button type="submit" class="danger">Kill session</button></form>
</div>`;
}

function factsPanel(
  session: Session,
  verdict: ZoneVerdict,
  runtime: string,
  runner: RunnerRecord | undefined,
  now: number,
): SafeHtml {
  return html`<dl class="facts">
  <dt>State</dt><dd><span class="chip state">${stateLabel(session.state)}</span></dd>
  <dt>Zone</dt><dd><span class="chip ${verdict.zone}">${zoneNames[verdict.zone]}</span> ${verdict.reason}</dd>
  <dt>Issue</dt><dd><a href="${session.issue.url}">${session.repo}#${session.issue.key}</a></dd>
  <dt>Branch</dt><dd><code>${session.branch}</code></dd>
  <dt>Agent</dt><dd>${session.agent}${session.model ? ` (${session.model})` : ""}</dd>
  <dt>Runtime</dt><dd>${runtime}${session.runtime ? "" : html` <span class="muted">(repo default)</span>`}</dd>
  <dt>Runner</dt><dd>${runner ? html`${runner.name} <span class="muted">(${runner.id})</span>` : (session.runnerId ?? "not assigned yet")}</dd>
  <dt>Agent process</dt><dd>${session.agentFacts.phase}${session.agentFacts.phase === "running" ? (session.agentFacts.busy ? ", busy" : ", waiting at its prompt") : ""}; last activity ${formatAgo(session.agentFacts.lastActivityAt, now)}</dd>
  <dt>Auto-merge</dt><dd>${session.autoMerge ? "on" : "off"}</dd>
  <dt>Started</dt><dd>${time(session.createdAt, now)}</dd>
  <dt>Updated</dt><dd>${time(session.updatedAt, now)}</dd>
  ${session.endedAt !== undefined ? html`<dt>Ended</dt><dd>${time(session.endedAt, now)}</dd>` : ""}
  ${session.reason ? html`<dt>Reason</dt><dd>${session.reason}</dd>` : ""}
</dl>`;
}

function prPanel(session: Session): SafeHtml {
  const pr = session.pr;
  if (!pr) return html`<p class="muted">No pull request yet.</p>`;
  const head = pr.checks.filter((c) => c.sha === pr.headSha);
  const reviews = Object.entries(pr.reviews);
  return html`<dl class="facts">
  <dt>PR</dt><dd><a href="${pr.url}">#${pr.number}</a> (${pr.status}) into <code>${pr.baseRef}</code></dd>
  <dt>Head</dt><dd><code>${pr.headSha.slice(0, 7)}</code></dd>
  <dt>Mergeable</dt><dd>${pr.mergeable === null ? "not computed yet" : pr.mergeable ? "yes" : "no: merge conflict"}</dd>
</dl>
<h3>CI on the head</h3>
${
  head.length
    ? html`<ul>${head.map((c) => html`<li>${c.url ? html`<a href="${c.url}">${c.name}</a>` : c.name}: <strong>${c.status}</strong>${c.failsOnDefaultBranch ? " (fails on the default branch too)" : ""}</li>`)}</ul>`
    : html`<p class="muted">No checks reported for this commit.</p>`
}
<h3>Reviews</h3>
${
  reviews.length
    ? html`<ul>${reviews.map(([reviewer, r]) => html`<li>@${reviewer}: <strong>${r.verdict.replace("_", " ")}</strong> on <code>${r.sha.slice(0, 7)}</code></li>`)}</ul>`
    : html`<p class="muted">No reviews yet.</p>`
}`;
}

function costPanel(session: Session, byModel: CostByModel): SafeHtml {
  const models = Object.entries(byModel).sort(([, a], [, b]) => b.usd - a.usd);
  const total = sumCost(byModel);
  // The store's aggregates come from runner reports; the session's own figure is the latest it was told.
  const usd = Math.max(total.usd, session.cost.usd);
  const tokens = Math.max(total.tokens, session.cost.tokens);
  return html`<p>Total ${costBadge(usd)} · ${formatTokens(tokens)} tokens</p>
${
  models.length
    ? html`<div class="table-wrap" role="region" aria-label="Cost by model" tabindex="0"><table>
  <thead><tr><th scope="col">Model</th><th scope="col" class="number">Input</th><th scope="col" class="number">Output</th><th scope="col" class="number">Cache write</th><th scope="col" class="number">Cache read</th><th scope="col" class="number">Cost</th></tr></thead>
  <tbody>${models.map(
    ([model, t]) =>
      html`<tr><th scope="row">${model}</th><td class="number">${formatTokens(t.inputTokens)}</td><td class="number">${formatTokens(t.outputTokens)}</td><td class="number">${formatTokens(t.cacheCreationTokens)}</td><td class="number">${formatTokens(t.cacheReadTokens)}</td><td class="number">${formatUsd(t.usd)}</td></tr>`,
  )}</tbody>
</table></div>`
    : html`<p class="muted">No cost reported by model yet.</p>`
}`;
}

function timeline(log: LogEntry[], now: number): SafeHtml {
  if (log.length === 0) return html`<p class="muted">Nothing recorded yet.</p>`;
  const newestFirst = [...log].reverse();
  return html`<ol class="timeline" reversed>${newestFirst.map(
    (entry) =>
      html`<li class="kind-${entry.kind.replace(/[^a-z0-9-]/gi, "")}"><time datetime="${new Date(entry.at).toISOString()}">${formatUtc(entry.at)} · ${formatAgo(entry.at, now)} · ${entry.kind}</time>${entry.summary}</li>`,
  )}</ol>`;
}

export async function sessionPage({ app, viewer, params, url }: PageRequest): Promise<PageContent> {
  const id = params.id ?? "";
  const session = await app.store.getSession(id);
  if (!session || !canSee(viewer.principal, session.repo))
    throw new HttpError(404, `There is no session ${id} you can see. It may have been wiped.`);
  const now = app.now();
  const [config, log, byModel, runner] = await Promise.all([
    app.repoConfig(session.repo),
    app.store.readLog(session.id, 200),
    app.store.readCost({ kind: "session", sessionId: session.id }),
    session.runnerId ? app.store.getRunner(session.runnerId) : Promise.resolve(undefined),
  ]);
  const verdict = attentionZone(session, { now, config });
  const runtime = session.runtime ?? config.runtime;
  const main = html`<p><a href="/dashboard">← Attention</a></p>
<h1>${session.issue.title}</h1>
<p class="zone-${verdict.zone}" data-live="headline"><span class="chip ${verdict.zone}">${zoneNames[verdict.zone]}</span> <span class="chip state">${stateLabel(session.state)}</span> ${verdict.reason}</p>
<div role="status">${notice(url)}</div>
<section aria-labelledby="actions-heading" class="panel wide">
  <h2 id="actions-heading">Actions</h2>
  <div data-live="actions">${actionsPanel(session, viewer)}</div>
</section>
<div class="panels">
  <section aria-labelledby="facts-heading" class="panel"><h2 id="facts-heading">Session</h2><div data-live="facts">${factsPanel(session, verdict, runtime, runner, now)}</div></section>
  <section aria-labelledby="pr-heading" class="panel"><h2 id="pr-heading">Pull request</h2><div data-live="pr">${prPanel(session)}</div></section>
  <section aria-labelledby="cost-heading" class="panel wide"><h2 id="cost-heading">Cost</h2><div data-live="cost">${costPanel(session, byModel)}</div></section>
  <section aria-labelledby="timeline-heading" class="panel wide"><h2 id="timeline-heading">Timeline</h2><div data-live="timeline">${timeline(log, now)}</div></section>
</div>`;
  return { title: session.issue.title, nav: "attention", main };
}
