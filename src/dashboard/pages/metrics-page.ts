// GET /dashboard/metrics — how each agent and runtime performs: tasks, success rate, mean duration and cost,
// and sessions started and finished per day.
import { formatShare, formatSpan, formatUsd, lastDays } from "../format.js";
import { html } from "../html.js";
import { repoConfigs, visibleSessions } from "../load-sessions.js";
import type { PageContent, PageRequest } from "../page-route.js";
import { dailyOutcomes, runtimeMetrics } from "../runtime-metrics.js";
import { barChart } from "../views/bar-chart.js";

const chartDays = 30;

export async function metricsPage({ app, viewer }: PageRequest): Promise<PageContent> {
  const now = app.now();
  const sessions = await visibleSessions(app, viewer.principal);
  const configs = await repoConfigs(
    app,
    sessions.filter((s) => !s.runtime),
  );
  const rows = runtimeMetrics(sessions, (s) => configs.get(s.repo)?.runtime ?? "unknown");
  const daily = dailyOutcomes(sessions, lastDays(now, chartDays));
  const main = html`<h1>Metrics</h1>
<p class="muted">Success rate: sessions merged out of sessions that ended (merged, closed or killed). Duration: from start to end. Days are UTC.</p>
<section aria-labelledby="agents-heading">
  <h2 id="agents-heading">By agent and runtime</h2>
  <div data-live="by-agent">${
    rows.length
      ? html`<div class="table-wrap" role="region" aria-labelledby="agents-heading" tabindex="0"><table>
  <thead><tr><th scope="col">Agent</th><th scope="col">Runtime</th><th scope="col" class="number">Tasks</th><th scope="col" class="number">Ended</th><th scope="col" class="number">Success rate</th><th scope="col" class="number">Mean duration</th><th scope="col" class="number">Cost</th></tr></thead>
  <tbody>${rows.map(
    (row) =>
      html`<tr data-agent="${row.agent}" data-runtime="${row.runtime}"><th scope="row">${row.agent}</th><td>${row.runtime}</td><td class="number">${row.tasks}</td><td class="number">${row.finished}</td><td class="number">${formatShare(row.successRate)}</td><td class="number">${row.meanDurationMs === undefined ? "–" : formatSpan(row.meanDurationMs)}</td><td class="number">${formatUsd(row.costUsd)}</td></tr>`,
  )}</tbody>
</table></div>`
      : html`<p class="muted">No sessions yet.</p>`
  }</div>
</section>
<section aria-labelledby="outcomes-heading">
  <h2 id="outcomes-heading">Daily</h2>
  <div data-live="daily-chart">${barChart({
    id: "outcome-chart",
    title: `Sessions ended per day, last ${chartDays} days`,
    series: [
      { name: "Merged", className: "succeeded" },
      { name: "Closed or killed", className: "failed" },
    ],
    points: daily.map((d) => ({ day: d.day, values: [d.succeeded, d.failed] })),
    format: String,
    wholeNumbers: true,
  })}${barChart({
    id: "started-chart",
    title: `Sessions started per day, last ${chartDays} days`,
    series: [{ name: "Started", className: "started" }],
    points: daily.map((d) => ({ day: d.day, values: [d.started] })),
    format: String,
    wholeNumbers: true,
  })}</div>
</section>`;
  return { title: "Metrics", nav: "metrics", main };
}
