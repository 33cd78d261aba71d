// Renders a cost report as a readable table for the terminal (what `drover cost` prints without --json).
import type { CostReport } from "./build-cost-report.js";
import type { ReportRowBase } from "./types.js";

let integer: Intl.NumberFormat | undefined; // created on first use: loading ICU data costs ~15 ms
const formatTokens = (n: number) => {
  integer ??= new Intl.NumberFormat("en-US");
  return integer.format(n);
};
export const formatUsd = (n: number) => `$${n.toFixed(2)}`;

/** `claude-sonnet-4-5-20250929` → `sonnet-4-5`: what fits in a table cell. */
export function shortModelName(model: string): string {
  return model.replace(/^claude-/, "").replace(/-\d{8}$/, "");
}

interface Column {
  title: string;
  align: "left" | "right";
}

function drawTable(columns: Column[], rows: string[][][], footerAt: number[]): string {
  // A row is a list of cells; a cell may hold several lines (the models of a day).
  const widths = columns.map((c, i) =>
    Math.max(c.title.length, ...rows.flatMap((row) => (row[i] ?? [""]).map((line) => line.length))),
  );
  const border = (left: string, mid: string, right: string) =>
    `${left}${widths.map((w) => "─".repeat(w + 2)).join(mid)}${right}`;
  const cellLine = (cells: string[]) =>
    `│${cells
      .map(
        (text, i) =>
          ` ${columns[i]!.align === "right" ? text.padStart(widths[i]!) : text.padEnd(widths[i]!)} `,
      )
      .join("│")}│`;
  const out = [border("┌", "┬", "┐"), cellLine(columns.map((c) => c.title)), border("├", "┼", "┤")];
  rows.forEach((row, r) => {
    if (footerAt.includes(r)) out.push(border("├", "┼", "┤"));
    const height = Math.max(...row.map((cell) => cell.length));
    for (let line = 0; line < height; line++) out.push(cellLine(row.map((cell) => cell[line] ?? "")));
  });
  out.push(border("└", "┴", "┘"));
  return out.join("\n");
}

interface Counts {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

const numbers = (row: Counts, cost: number, total: number) => [
  [formatTokens(row.inputTokens)],
  [formatTokens(row.outputTokens)],
  [formatTokens(row.cacheCreationTokens)],
  [formatTokens(row.cacheReadTokens)],
  [formatTokens(total)],
  [formatUsd(cost)],
];

const numberColumns: Column[] = [
  { title: "Input", align: "right" },
  { title: "Output", align: "right" },
  { title: "Cache Create", align: "right" },
  { title: "Cache Read", align: "right" },
  { title: "Total Tokens", align: "right" },
  { title: "Cost (USD)", align: "right" },
];

/** One row per model under a row: the model in the Models column, the label columns left empty. */
function breakdownRows(row: ReportRowBase, leading: number): string[][][] {
  return row.modelBreakdowns.map((b) => [
    ...Array.from({ length: leading }, () => [""]),
    [`└ ${shortModelName(b.modelName)}${b.missingPricing ? " (no price)" : ""}`],
    ...numbers(b, b.cost, b.inputTokens + b.outputTokens + b.cacheCreationTokens + b.cacheReadTokens),
  ]);
}

/** The table and the notes under it (skipped lines, unpriced models, links). */
export function renderReportTable(report: CostReport, options: { breakdown?: boolean } = {}): string {
  const models = (row: ReportRowBase) => row.modelsUsed.map((m) => `- ${shortModelName(m)}`);
  let columns: Column[];
  let labelled: { label: string[][]; row: ReportRowBase }[];
  let title: string;
  switch (report.kind) {
    case "daily":
      title = "Agent token usage and cost by day";
      columns = [{ title: "Date", align: "left" }];
      labelled = report.daily.map((row) => ({ label: [[row.date]], row }));
      break;
    case "monthly":
      title = "Agent token usage and cost by month";
      columns = [{ title: "Month", align: "left" }];
      labelled = report.monthly.map((row) => ({ label: [[row.month]], row }));
      break;
    case "session":
      title = "Agent token usage and cost by session";
      columns = [
        { title: "Session", align: "left" },
        { title: "Project", align: "left" },
        { title: "Last Activity", align: "left" },
      ];
      labelled = report.sessions.map((row) => ({
        label: [
          [row.sessionId.length > 36 ? `…${row.sessionId.slice(-35)}` : row.sessionId],
          [row.projectPath],
          [row.lastActivity.slice(0, 10)],
        ],
        row,
      }));
      break;
    case "issue":
      title = "Agent token usage and cost by Drover issue";
      columns = [
        { title: "Issue", align: "left" },
        { title: "Sessions", align: "right" },
      ];
      labelled = report.issues.map((row) => ({
        label: [[row.issue], [String(row.droverSessions.length)]],
        row,
      }));
      break;
  }
  const leading = columns.length;
  columns = [...columns, { title: "Models", align: "left" }, ...numberColumns];
  const rows: string[][][] = [];
  for (const { label, row } of labelled) {
    rows.push([...label, models(row), ...numbers(row, row.totalCost, row.totalTokens)]);
    if (options.breakdown) rows.push(...breakdownRows(row, leading));
  }
  const t = report.totals;
  rows.push([
    ["Total"],
    ...Array.from({ length: leading - 1 }, () => [""]),
    [""],
    ...numbers(t, t.totalCost, t.totalTokens),
  ]);
  const notes: string[] = [];
  if (report.kind === "issue") {
    if (!report.links.exists || report.links.count === 0) {
      notes.push(
        `No agent sessions are linked to Drover issues yet (${report.links.path} ${report.links.exists ? "is empty" : "does not exist"}). ` +
          "The runner records a link when it starts an agent for an issue.",
      );
    }
    if (report.unlinked.agentSessions > 0) {
      notes.push(
        `Not linked to any issue: ${report.unlinked.agentSessions} agent session(s), ${formatTokens(report.unlinked.totalTokens)} tokens, ${formatUsd(report.unlinked.totalCost)}.`,
      );
    }
  }
  if (t.unpricedModels?.length)
    notes.push(`No price known for ${t.unpricedModels.join(", ")}: counted as $0.`);
  if (report.stats.malformedLines > 0) {
    notes.push(`Skipped ${report.stats.malformedLines} malformed or truncated log line(s).`);
  }
  if (report.unreadable.length > 0) notes.push(`Could not read ${report.unreadable.length} log file(s).`);
  if (labelled.length === 0) {
    const empty =
      report.kind === "issue" ? "No usage of linked agent sessions." : "No usage found in the agents' logs.";
    return [title, "", empty, ...(notes.length ? ["", ...notes] : [])].join("\n");
  }
  return [
    title,
    "",
    drawTable(columns, rows, [rows.length - 1]),
    ...(notes.length ? ["", ...notes] : []),
  ].join("\n");
}
