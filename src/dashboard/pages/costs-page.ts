// GET /dashboard/costs — what the agents cost: today, the last 7 days and this month, a daily chart of the
// last 30 days, and every issue with its badge. Figures come from the store's aggregates of runner reports.

import type { CostSum } from "../../store/cost-counters.js";
import { canSee, visibleAccounts } from "../auth/viewer.js";
import { costPeriods, dailyCost, firstDayNeeded, issueCostRows } from "../cost-summary.js";
import { formatTokens, formatUsd, lastDays, utcDay } from "../format.js";
import { html } from "../html.js";
import { visibleSessions } from "../load-sessions.js";
import type { PageContent, PageRequest } from "../page-route.js";
import { barChart } from "../views/bar-chart.js";
import { costBadge } from "../views/cost-badge-view.js";

const chartDays = 30;

function total(label: string, sum: CostSum, id: string) {
  return html`<li><span class="label" id="${id}">${label}</span><span class="value" aria-labelledby="${id}">${formatUsd(sum.usd)}</span><span class="muted">${formatTokens(sum.tokens)} tokens</span></li>`;
}

export async function costsPage({ app, viewer }: PageRequest): Promise<PageContent> {
  const now = app.now();
  const today = utcDay(now);
  const [byDay, byIssue, sessions] = await Promise.all([
    app.store.readCostByDay(firstDayNeeded(now, chartDays), today, visibleAccounts(viewer.principal)),
    app.store.readCostByIssue(),
    visibleSessions(app, viewer.principal),
  ]);
  const periods = costPeriods(byDay, now);
  const rows = issueCostRows(byIssue, sessions).filter((row) => canSee(viewer.principal, row.repo));
  const daily = dailyCost(byDay, lastDays(now, chartDays));
  const monthName = new Date(now).toLocaleString("en-US", { month: "long", timeZone: "UTC" });
  const main = html`<h1>Costs</h1>
<p class="muted">Days are UTC. Badges: green under $5, yellow $5–20, orange $20–50, red over $50.</p>
<section aria-labelledby="totals-heading">
  <h2 id="totals-heading">Totals</h2>
  <ul class="totals" data-live="totals">
    ${total("Today", periods.today, "total-today")}
    ${total("Last 7 days", periods.week, "total-week")}
    ${total(`${monthName} so far`, periods.month, "total-month")}
  </ul>
</section>
<section aria-labelledby="daily-heading">
  <h2 id="daily-heading">Daily</h2>
  <div data-live="daily-chart">${barChart({
    id: "cost-chart",
    title: `Cost per day, last ${chartDays} days`,
    series: [{ name: "Cost", className: "cost" }],
    points: daily.map((d) => ({ day: d.day, values: [d.usd] })),
    format: formatUsd,
    axisFormat: (usd) => (Number.isInteger(usd) ? `$${usd}` : `$${usd.toFixed(2)}`),
  })}</div>
</section>
<section aria-labelledby="issues-heading">
  <h2 id="issues-heading">By issue</h2>
  <div data-live="by-issue">${
    rows.length
      ? html`<div class="table-wrap" role="region" aria-labelledby="issues-heading" tabindex="0"><table>
  <thead><tr><th scope="col">Issue</th><th scope="col" class="number">Sessions</th><th scope="col">Models</th><th scope="col" class="number">Tokens</th><th scope="col" class="number">Cost</th></tr></thead>
  <tbody>${rows.map(
    (row) =>
      html`<tr data-issue="${row.key}"><th scope="row">${row.url ? html`<a href="${row.url}">${row.key}</a>` : row.key}${row.title ? html`<br><span class="muted">${row.title}</span>` : ""}</th><td class="number">${row.sessions}</td><td>${row.models.join(", ")}</td><td class="number">${formatTokens(row.tokens)}</td><td class="number">${costBadge(row.usd, { sessions: row.sessions, tokens: row.tokens })}</td></tr>`,
  )}</tbody>
</table></div>`
      : html`<p class="muted">No cost reported yet.</p>`
  }</div>
</section>`;
  return { title: "Costs", nav: "costs", main };
}
