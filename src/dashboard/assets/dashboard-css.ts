// The dashboard's one stylesheet, kept as a string so the build (which copies only .json/.md/.yml data files)
// ships it inside dist/ and Vercel bundles it with the function. Mobile first; colours meet WCAG AA contrast.
export const dashboardCss = `
:root {
  --fg: #1f2328; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa; --border: #d0d7de;
  --link: #0550ae; --focus: #0969da;
  --red: #d92d20; --red-bg: #fee4e2; --red-fg: #7a271a;
  --orange: #e46a00; --orange-bg: #ffead5; --orange-fg: #772917;
  --yellow: #dca200; --yellow-bg: #fef7c3; --yellow-fg: #713b12;
  --green: #079455; --green-bg: #dcfae6; --green-fg: #074d31;
  --grey: #98a2b3; --grey-bg: #eaecf0; --grey-fg: #344054;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--link); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.skip-link { position: absolute; left: 0.5rem; top: -3rem; background: var(--fg); color: #fff; padding: 0.5rem 1rem; z-index: 10; }
.skip-link:focus { top: 0.5rem; }
.site-header {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem;
  padding: 0.5rem 1rem; border-bottom: 1px solid var(--border); background: var(--panel);
}
.brand { font-weight: 700; font-size: 1.125rem; color: var(--fg); text-decoration: none; }
.site-header nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; margin: 0; padding: 0; }
.site-header nav a { display: inline-block; padding: 0.5rem 0.75rem; border-radius: 6px; text-decoration: none; min-height: 44px; line-height: 28px; }
.site-header nav a[aria-current="page"] { background: var(--fg); color: #fff; }
.account { margin-left: auto; display: flex; align-items: center; gap: 0.5rem; color: var(--muted); font-size: 0.875rem; }
main { display: block; max-width: 72rem; margin: 0 auto; padding: 1rem; }
main:focus { outline: none; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0.5rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1rem; margin: 1rem 0 0.5rem; }
p { margin: 0.25rem 0 0.75rem; }
.muted { color: var(--muted); }
.site-footer { max-width: 72rem; margin: 0 auto; padding: 1rem; color: var(--muted); font-size: 0.875rem; }
button, .button {
  font: inherit; display: inline-flex; align-items: center; justify-content: center; gap: 0.25rem;
  min-height: 44px; padding: 0.5rem 1rem; border-radius: 6px; border: 1px solid var(--border);
  background: var(--bg); color: var(--fg); cursor: pointer; text-decoration: none;
}
button:hover, .button:hover { background: var(--panel); }
button.primary, .button.primary { background: #1a7f37; border-color: #1a7f37; color: #fff; }
button.primary:hover { background: #116329; }
button.danger { background: #b42318; border-color: #b42318; color: #fff; }
button.danger:hover { background: #912018; }
button.link { border: 0; background: none; color: var(--link); text-decoration: underline; min-height: 0; padding: 0.25rem; }
label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
.hint { display: block; font-weight: 400; color: var(--muted); font-size: 0.875rem; }
input[type="text"], input[type="password"], textarea {
  font: inherit; width: 100%; max-width: 40rem; padding: 0.5rem; border: 1px solid #6e7781; border-radius: 6px; background: var(--bg); color: var(--fg);
}
textarea { min-height: 6rem; resize: vertical; }
.notice { border-left: 6px solid var(--focus); background: #ddf4ff; padding: 0.75rem 1rem; margin: 0 0 1rem; border-radius: 6px; }
.notice.error { border-color: var(--red); background: var(--red-bg); color: var(--red-fg); }
.summary-counts { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.chip {
  display: inline-block; padding: 0.125rem 0.5rem; border-radius: 999px; font-size: 0.875rem; font-weight: 600;
  background: var(--grey-bg); color: var(--grey-fg); white-space: nowrap;
}
.chip.red, .zone-red .chip.state { background: var(--red-bg); color: var(--red-fg); }
.chip.orange, .zone-orange .chip.state { background: var(--orange-bg); color: var(--orange-fg); }
.chip.yellow, .zone-yellow .chip.state { background: var(--yellow-bg); color: var(--yellow-fg); }
.chip.green, .zone-green .chip.state { background: var(--green-bg); color: var(--green-fg); }
.chip.grey { background: var(--grey-bg); color: var(--grey-fg); }
.zone { margin: 0 0 1rem; border: 1px solid var(--border); border-left: 8px solid var(--grey); border-radius: 8px; padding: 0 1rem; }
.zone.red { border-left-color: var(--red); }
.zone.orange { border-left-color: var(--orange); }
.zone.yellow { border-left-color: var(--yellow); }
.zone.green { border-left-color: var(--green); }
.zone.grey { border-left-color: var(--grey); }
.zone > h2, .zone > details > summary { margin: 0; padding: 0.75rem 0; }
.zone > details > summary { cursor: pointer; min-height: 44px; }
.zone > details > summary h2 { display: inline; margin: 0; font-size: 1.25rem; }
.zone .empty { color: var(--muted); }
.sessions { list-style: none; margin: 0 0 1rem; padding: 0; }
.session { border-top: 1px solid var(--border); padding: 0.75rem 0; }
.session-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 0.75rem; }
.session-title { font-weight: 600; overflow-wrap: anywhere; }
.session .reason { margin: 0.25rem 0; }
.session .meta { margin: 0; color: var(--muted); font-size: 0.875rem; }
.panels { display: grid; grid-template-columns: 1fr; gap: 1rem; }
.panel { border: 1px solid var(--border); border-radius: 8px; padding: 0 1rem 0.5rem; min-width: 0; }
main > .panel { margin-bottom: 1rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; }
.actions form { margin: 0; }
.send-form { flex: 1 1 100%; }
.timeline { list-style: none; margin: 0; padding: 0; }
.timeline li { border-left: 3px solid var(--border); padding: 0.25rem 0 0.5rem 0.75rem; }
.timeline li.kind-event { border-left-color: var(--focus); }
.timeline li.kind-error { border-left-color: var(--red); }
.timeline time { display: block; color: var(--muted); font-size: 0.8125rem; }
.table-wrap { overflow-x: auto; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9375rem; }
th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid var(--border); vertical-align: top; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 0.75rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.totals li { border: 1px solid var(--border); border-radius: 8px; padding: 0.75rem 1rem; }
.totals .label { display: block; color: var(--muted); font-size: 0.875rem; }
.totals .value { display: block; font-size: 1.5rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.chart { margin: 0 0 1rem; max-width: 48rem; }
.chart figcaption { font-weight: 600; margin-bottom: 0.25rem; }
.chart svg { width: 100%; height: auto; display: block; border: 1px solid var(--border); border-radius: 8px; }
.chart .grid { stroke: var(--border); stroke-width: 1; }
.chart .axis { fill: var(--muted); font-size: 26px; }
.bar.cost { fill: #1570ef; }
.bar.succeeded, .swatch.succeeded { fill: var(--green); background: var(--green); }
.bar.failed, .swatch.failed { fill: var(--red); background: var(--red); }
.bar.started, .swatch.started { fill: #667085; background: #667085; }
.legend { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; margin: 0.5rem 0; font-size: 0.875rem; }
.swatch { display: inline-block; width: 0.875rem; height: 0.875rem; border-radius: 3px; margin-right: 0.375rem; vertical-align: -2px; }
.chart-table summary { cursor: pointer; color: var(--link); padding: 0.5rem 0; }
.login { max-width: 28rem; }
.login .or { margin: 1.5rem 0 0.75rem; color: var(--muted); }
@media (min-width: 48rem) {
  main { padding: 1.5rem; }
  .chart .axis { font-size: 14px; }
  h1 { font-size: 1.75rem; }
  .panels { grid-template-columns: 1fr 1fr; }
  .panel.wide { grid-column: 1 / -1; }
}
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
`;
