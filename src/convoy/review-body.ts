// The text of Drover's PR review: the summary (edited in place on a re-review), each inline comment, and the
// short body of a follow-up review that only adds comments for new findings.
import type { ConvoyResult } from "./convoy-state.js";
import { type Finding, findingLocation } from "./finding.js";
import { findingMarker, followUpMarker, summaryMarker } from "./review-markers.js";
import { severities } from "./severity.js";

export interface ReviewContext {
  convoyId: string;
  template: string;
  status: string;
  /** Where the full report is (the Action's job summary, say). */
  reportUrl?: string;
}

/** GitHub refuses review bodies over 65,536 characters; stay well under. */
const maxBody = 60_000;

export function inlineCommentBody(f: Finding, ctx: ReviewContext): string {
  return [
    `**[${f.severity}] ${f.title}** · ${f.reviewers.join(", ")}`,
    "",
    f.detail,
    ...(f.suggestion ? ["", `**Suggestion:** ${f.suggestion}`] : []),
    "",
    `<sub>Drover ${ctx.template} · ${f.id} · convoy \`${ctx.convoyId}\`</sub>`,
    findingMarker(f.fingerprint),
  ].join("\n");
}

export function summaryBody(
  result: ConvoyResult,
  ctx: ReviewContext,
  placed: { inline: readonly Finding[]; outside: readonly Finding[]; repeated: number },
): string {
  const counted = severities
    .filter((s) => (result.counts[s] ?? 0) > 0)
    .map((s) => `${result.counts[s]} ${s}`);
  const head = [
    summaryMarker,
    `## Drover review: ${counted.length > 0 ? counted.join(", ") : "no findings"}`,
    "",
    result.summary ?? "The synthesis did not finish; the findings below are ordered by severity alone.",
    "",
    `| ${severities.map((s) => s[0]!.toUpperCase() + s.slice(1)).join(" | ")} |`,
    `| ${severities.map(() => "---:").join(" | ")} |`,
    `| ${severities.map((s) => result.counts[s] ?? 0).join(" | ")} |`,
  ];
  const byId = new Map(result.findings.map((f) => [f.id, f]));
  if (result.priorities.length > 0) {
    head.push("", "### Top priorities", "");
    result.priorities.forEach((p, i) => {
      const f = byId.get(p.id);
      if (f) head.push(`${i + 1}. **${f.title}** (\`${findingLocation(f)}\`, ${f.severity}) — ${p.why}`);
    });
  }
  const tail: string[] = [""];
  if (placed.inline.length > 0)
    tail.push(`${placed.inline.length} finding(s) are inline comments on the changed lines.`);
  if (placed.repeated > 0)
    tail.push(`${placed.repeated} finding(s) raised in an earlier Drover review are not repeated.`);
  if (result.missing.length > 0) {
    tail.push(
      "",
      `**Not covered:** ${result.missing.map((m) => `${m.role} (${m.status.replace("_", " ")})`).join(", ")}.`,
    );
  }
  const report = ctx.reportUrl ? ` · [full report](${ctx.reportUrl})` : "";
  tail.push("", `<sub>Drover ${ctx.template} convoy \`${ctx.convoyId}\` · ${ctx.status}${report}</sub>`);

  const outside: string[] = [];
  if (placed.outside.length > 0)
    outside.push("", `### Findings outside the diff (${placed.outside.length})`, "");
  let budget = maxBody - head.join("\n").length - tail.join("\n").length - 200;
  let shown = 0;
  for (const f of placed.outside) {
    const lines = [
      `- **[${f.severity}] ${f.title}** — \`${findingLocation(f)}\` · ${f.reviewers.join(", ")}`,
      `  ${f.detail.trim().replace(/\n/g, "\n  ")}`,
      ...(f.suggestion ? [`  _Suggestion:_ ${f.suggestion.trim().replace(/\n/g, "\n  ")}`] : []),
    ];
    const size = lines.join("\n").length + 1;
    if (size > budget) break;
    budget -= size;
    outside.push(...lines);
    shown += 1;
  }
  if (shown < placed.outside.length)
    outside.push(`- …and ${placed.outside.length - shown} more in the full report.`);
  return [...head, ...outside, ...tail].join("\n");
}

export function followUpBody(
  findings: readonly Finding[],
  ctx: ReviewContext,
  options: { listed?: boolean } = {},
): string {
  const lines = [
    followUpMarker,
    `Drover re-review: ${findings.length} new finding(s) on the changed lines. The summary in Drover's first review is updated.`,
  ];
  // When GitHub refuses the inline comments, the findings go here instead of being lost.
  if (options.listed) {
    lines.push("");
    for (const f of findings) {
      lines.push(
        `- **[${f.severity}] ${f.title}** — \`${findingLocation(f)}\` · ${f.reviewers.join(", ")}`,
        `  ${f.detail}`,
      );
    }
  }
  lines.push("", `<sub>Drover ${ctx.template} convoy \`${ctx.convoyId}\` · ${ctx.status}</sub>`);
  return lines.join("\n");
}
