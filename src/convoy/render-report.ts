// The convoy's report in Markdown, from the state alone: the synthesis's prose where it has any, and everything
// countable — severities, the findings, statistics, who is missing — from code.
import type { ConvoyResult, ConvoyState } from "./convoy-state.js";
import { type Finding, findingLocation } from "./finding.js";
import { type Severity, severities } from "./severity.js";

const severityTitle: Record<Severity, string> = {
  blocker: "Blocker",
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
};

export function renderReport(state: ConvoyState, result: ConvoyResult): string {
  const reviews = state.agents.some((a) => a.output === "findings");
  const byId = new Map(result.findings.map((f) => [f.id, f]));
  const finished = state.agents.filter((a) => a.status === "succeeded").length;
  const lines: string[] = [`# Convoy report: ${state.template}`, ""];
  lines.push(
    `**Status:** ${state.status} · ${finished} of ${state.agents.length} agents finished · convoy \`${state.id}\``,
  );
  if (state.inputs.prUrl) lines.push(`**Pull request:** ${state.inputs.prUrl}`);
  if (state.inputs.issue) lines.push(`**Issue:** ${state.inputs.issue}`);
  lines.push("", "## Executive summary", "");
  lines.push(result.summary ?? noSynthesisNote(state));
  if (reviews) {
    lines.push("", "| Severity | Findings |", "| --- | ---: |");
    for (const s of severities) lines.push(`| ${severityTitle[s]} | ${result.counts[s] ?? 0} |`);
    lines.push(`| **Total** | **${result.findings.length}** |`);
  }

  if (reviews) {
    lines.push("", "## Top priorities", "");
    if (result.priorities.length === 0) lines.push("Nothing needs to come first.");
    result.priorities.forEach((p, i) => {
      const f = byId.get(p.id)!;
      lines.push(`${i + 1}. **${f.title}** (${f.id}, ${f.severity}) — \`${findingLocation(f)}\`: ${p.why}`);
    });
    lines.push("", "## Findings by severity", "");
    if (result.findings.length === 0) lines.push("No findings.");
    for (const s of severities) {
      const group = result.findings.filter((f) => f.severity === s);
      if (group.length === 0) continue;
      lines.push(`### ${severityTitle[s]} (${group.length})`, "");
      for (const f of group) lines.push(...findingLines(f), "");
    }
  }

  lines.push(...proseSections(state));

  lines.push("", "## Statistics", "", "| | |", "| --- | --- |");
  if (reviews) {
    const reviewers = state.agents.filter((a) => a.output === "findings");
    const missingReviewers = reviewers.filter((a) => a.status !== "succeeded");
    lines.push(`| Files reviewed | ${result.filesReviewed} |`);
    lines.push(
      `| Findings | ${result.findings.length} (${result.reported} reported, ${result.duplicatesRemoved} duplicates removed) |`,
    );
    lines.push(
      `| Reviewers | ${reviewers.length - missingReviewers.length} of ${reviewers.length} finished |`,
    );
    lines.push(`| Reviewers missing | ${missingReviewers.length} |`);
  }
  lines.push(`| Agents | ${finished} of ${state.agents.length} finished |`);
  const duration = durationText(state);
  if (duration) lines.push(`| Duration | ${duration} |`);
  if (result.missing.length > 0) {
    lines.push("", "**Missing:**", "");
    for (const m of result.missing)
      lines.push(`- ${m.role} (${m.status.replace("_", " ")}): ${oneLine(m.reason)}`);
  }
  // Sections end with a blank line of their own; one is enough.
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}

export function findingLines(f: Finding): string[] {
  const lines = [`- **${f.id} · ${f.title}** — \`${findingLocation(f)}\` · ${f.reviewers.join(", ")}`];
  lines.push(`  ${indent(f.detail)}`);
  if (f.suggestion) lines.push(`  _Suggestion:_ ${indent(f.suggestion)}`);
  return lines;
}

function proseSections(state: ConvoyState): string[] {
  const prose = state.agents.filter((a) => a.output === "prose" && a.status === "succeeded" && a.outputText);
  if (prose.length === 0) return [];
  const last = new Set(state.phases.at(-1));
  const lines: string[] = [];
  for (const a of prose.filter((p) => last.has(p.role))) {
    lines.push("", `## ${titleCase(a.role)}`, "", a.outputText!.trim());
  }
  const notes = prose.filter((p) => !last.has(p.role));
  if (notes.length > 0) {
    lines.push("", "## Agent notes");
    for (const a of notes) {
      lines.push(
        "",
        `<details><summary>${a.role} (${a.agent})</summary>`,
        "",
        a.outputText!.trim(),
        "",
        "</details>",
      );
    }
  }
  return lines;
}

function noSynthesisNote(state: ConvoyState): string {
  const synthesis = state.agents.find((a) => a.output === "synthesis");
  if (!synthesis) return "This convoy has no synthesis; the sections below are its agents' own outputs.";
  return `No synthesis: ${synthesis.role} ${synthesis.status === "pending" ? "did not run" : `did not finish (${oneLine(synthesis.error ?? synthesis.status)})`}. Priorities below are by severity alone.`;
}

function durationText(state: ConvoyState): string | undefined {
  if (!state.finishedAt) return undefined;
  const seconds = Math.round((Date.parse(state.finishedAt) - Date.parse(state.createdAt)) / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

function indent(text: string): string {
  return text.trim().replace(/\n/g, "\n  ");
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}

function titleCase(role: string): string {
  return role.replace(
    /(^|-)([a-z])/g,
    (_, dash: string, c: string) => `${dash ? " " : ""}${c.toUpperCase()}`,
  );
}
