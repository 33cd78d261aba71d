// `drover convoy status` and `list` as text: a convoy's agents line by line, or one row per convoy.

import { ownerAlive } from "../../src/convoy/convoy-owner.js";
import type { ConvoyState } from "../../src/convoy/convoy-state.js";
import { severities } from "../../src/convoy/severity.js";
import { agentLine, seconds } from "./agent-line.js";
import { convoySocket } from "./tmux-agent-runtime.js";

/** "running", or "interrupted" when the process that ran it is gone (resume continues it). */
export function shownStatus(state: ConvoyState): string {
  return state.status === "running" && !ownerAlive(state) ? "interrupted" : state.status;
}

export function describeConvoy(state: ConvoyState, now = Date.now()): string {
  const status = shownStatus(state);
  const ended = state.finishedAt ? Date.parse(state.finishedAt) : now;
  const lines = [
    `${state.id} · ${state.template} · ${status} · ${seconds(ended - Date.parse(state.createdAt))}`,
    `repo: ${state.cwd}  files: ${state.inputs.files.length}  runtime: ${state.runtime}`,
  ];
  if (state.inputs.prUrl) lines.push(`pull request: ${state.inputs.prUrl}`);
  if (state.inputs.issue) lines.push(`issue: ${state.inputs.issue}`);
  const roleWidth = Math.max(...state.agents.map((a) => a.role.length));
  lines.push(...state.agents.map((a) => agentLine(a, { now, roleWidth })));
  if (state.result) {
    lines.push(`findings: ${countsText(state)}`);
    if (state.result.reportFile) lines.push(`report: ${state.result.reportFile}`);
  }
  if (status === "interrupted") {
    lines.push(`The process running this convoy is gone; \`drover convoy resume ${state.id}\` continues it.`);
  }
  const running = state.agents.find((a) => a.status === "running");
  if (status === "running" && state.runtime === "tmux" && running) {
    lines.push(`watch an agent: tmux -L ${convoySocket(state.id)} attach -t =drover-${running.role}`);
  }
  return lines.join("\n");
}

export function countsText(state: ConvoyState): string {
  if (!state.result) return "-";
  const parts = severities
    .filter((s) => (state.result!.counts[s] ?? 0) > 0)
    .map((s) => `${state.result!.counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}

export function convoyTable(convoys: readonly ConvoyState[]): string {
  const rows = [
    ["ID", "TEMPLATE", "STATUS", "AGENTS", "FINDINGS", "STARTED"],
    ...convoys.map((c) => [
      c.id,
      c.template,
      shownStatus(c),
      `${c.agents.filter((a) => a.status === "succeeded").length}/${c.agents.length}`,
      c.result ? String(c.result.findings.length) : "-",
      c.createdAt.slice(0, 16).replace("T", " "),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
