// The HTML template escapes whatever comes from sessions (issue titles, agent questions) and the chart draws
// bars in proportion with an accessible table of the same numbers.
import { describe, expect, it } from "vitest";
import { html, raw } from "../../src/dashboard/html.js";
import { barChart, niceCeiling } from "../../src/dashboard/views/bar-chart.js";

describe("html", () => {
  it("escapes interpolated text and keeps nested markup", () => {
    const title = `<img src=x onerror="alert(1)"> & 'quotes'`;
    const out = html`<h1 title="${title}">${title}</h1>${html`<b>${"ok"}</b>`}${[raw("<i>"), "x", raw("</i>")]}`;
    expect(out.text).toBe(
      '<h1 title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quotes&#39;">' +
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quotes&#39;</h1><b>ok</b><i>x</i>",
    );
  });

  it("renders nothing for empty values", () => {
    expect(html`[${undefined}${null}${false}${true}${0}]`.text).toBe("[0]");
  });
});

describe("barChart", () => {
  it("rounds the axis to 1, 2 or 5 times a power of ten", () => {
    expect([0, 0.3, 1, 1.2, 3, 7, 12, 49, 51, 230].map(niceCeiling)).toEqual([
      1, 0.5, 1, 2, 5, 10, 20, 50, 100, 500,
    ]);
  });

  it("draws stacked bars to scale and lists the same numbers in a table", () => {
    const chart = barChart({
      id: "t",
      title: "Sessions ended per day",
      series: [
        { name: "Merged", className: "succeeded" },
        { name: "Closed or killed", className: "failed" },
      ],
      points: [
        { day: "2026-11-20", values: [2, 2] },
        { day: "2026-11-21", values: [1, 0] },
      ],
      format: String,
    }).text;
    const heights = [...chart.matchAll(/<rect class="bar (\w+)"[^>]* height="([\d.]+)"/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    // Axis top is 5: two of five units of a 168-unit-high plot is 67.2.
    expect(heights).toEqual([
      ["succeeded", 67.2],
      ["failed", 67.2],
      ["succeeded", 33.6],
    ]);
    expect(chart).toContain('role="img"');
    expect(chart).toContain("<title>2026-11-20 · Merged: 2</title>");
    expect(chart).toContain('<tr><th scope="row">2026-11-21</th><td>1</td><td>0</td></tr>');
  });
});
