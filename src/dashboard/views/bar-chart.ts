// A daily bar chart as inline SVG (no chart library, nothing to load), stacked when there are several series,
// with the same numbers as a table for screen readers and for anyone who wants exact values.
import { html, type SafeHtml } from "../html.js";

export interface ChartSeries {
  name: string;
  /** CSS class that colours the series (bars and legend swatch). */
  className: string;
}

export interface ChartPoint {
  /** A UTC day, YYYY-MM-DD. */
  day: string;
  values: number[];
}

export interface BarChartOptions {
  id: string;
  title: string;
  series: ChartSeries[];
  points: ChartPoint[];
  format: (value: number) => string;
  /** Shorter labels for the axis ("$50" rather than "$50.00"); `format` when omitted. */
  axisFormat?: (value: number) => string;
  /** Counts: the axis shows whole numbers only. */
  wholeNumbers?: boolean;
}

const width = 640;
const height = 220;
const plot = { left: 72, right: 12, top: 16, bottom: 36 };

/** 1, 2 or 5 times a power of ten, at least `value`, so the axis reads in round numbers. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function barChart(options: BarChartOptions): SafeHtml {
  const { id, title, series, points, format } = options;
  const axisFormat = options.axisFormat ?? format;
  const totals = points.map((p) => p.values.reduce((a, b) => a + b, 0));
  const highest = niceCeiling(Math.max(0, ...totals));
  const top = options.wholeNumbers ? Math.max(2, highest) : highest;
  const plotWidth = width - plot.left - plot.right;
  const plotHeight = height - plot.top - plot.bottom;
  const slot = plotWidth / Math.max(points.length, 1);
  const barWidth = Math.max(1, slot * 0.7);
  const y = (value: number) => plot.top + plotHeight - (value / top) * plotHeight;

  const bars = points.map((point, i) => {
    let base = 0;
    const x = round(plot.left + i * slot + (slot - barWidth) / 2);
    return point.values.map((value, s) => {
      if (value <= 0) return html``;
      const from = y(base);
      base += value;
      const to = y(base);
      return html`<rect class="bar ${series[s]!.className}" x="${x}" y="${round(to)}" width="${round(barWidth)}" height="${round(Math.max(from - to, 0.5))}"><title>${point.day} · ${series[s]!.name}: ${format(value)}</title></rect>`;
    });
  });
  const ticks = [0, top / 2, top]
    .filter((value) => !options.wholeNumbers || Number.isInteger(value))
    .map(
      (value) =>
        html`<line class="grid" x1="${plot.left}" x2="${width - plot.right}" y1="${round(y(value))}" y2="${round(y(value))}"></line><text class="axis" x="${plot.left - 6}" y="${round(y(value) + 4)}" text-anchor="end">${axisFormat(value)}</text>`,
    );
  // A few day labels, the last always (today); the ends anchored inwards so they stay inside the frame.
  const labelEvery = Math.max(1, Math.ceil(points.length / 5));
  const labels = points.map((point, i) => {
    const last = i === points.length - 1;
    if (!last && (i % labelEvery !== 0 || points.length - 1 - i < labelEvery / 2)) return html``;
    const anchor = last ? "end" : i === 0 ? "start" : "middle";
    const x = last ? width - plot.right : i === 0 ? plot.left : plot.left + i * slot + slot / 2;
    return html`<text class="axis" x="${round(x)}" y="${height - 10}" text-anchor="${anchor}">${point.day.slice(5)}</text>`;
  });
  const summary = `${title}: ${points.length} days from ${points[0]?.day ?? "–"} to ${points.at(-1)?.day ?? "–"}, highest ${format(Math.max(0, ...totals))} in a day.`;

  return html`<figure class="chart" aria-labelledby="${id}-caption">
  <figcaption id="${id}-caption">${title}</figcaption>
  <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title" focusable="false">
    <title id="${id}-title">${summary}</title>
    ${ticks}${bars}${labels}
  </svg>
  ${
    series.length > 1
      ? html`<ul class="legend">${series.map((s) => html`<li><span class="swatch ${s.className}" aria-hidden="true"></span>${s.name}</li>`)}</ul>`
      : ""
  }
  <details class="chart-table">
    <summary>Show the numbers</summary>
    <table>
      <caption class="visually-hidden">${title}</caption>
      <thead><tr><th scope="col">Day</th>${series.map((s) => html`<th scope="col">${s.name}</th>`)}</tr></thead>
      <tbody>${points.map((p) => html`<tr><th scope="row">${p.day}</th>${p.values.map((v) => html`<td>${format(v)}</td>`)}</tr>`)}</tbody>
    </table>
  </details>
</figure>`;
}
