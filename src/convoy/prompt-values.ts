// Fills a prompt's variables for one agent from the convoy: its inputs, and what the agents it depends on
// produced (deduplicated findings, prose) or why they produced nothing.
import { type ConvoyAgent, type ConvoyState, isFinished } from "./convoy-state.js";
import { dedupeFindings } from "./dedupe-findings.js";
import type { PromptValues } from "./prompt-variables.js";

export function promptValues(state: ConvoyState, agent: ConvoyAgent, outputFile: string): PromptValues {
  const dependencies = state.agents.filter((a) => agent.dependsOn.includes(a.role));
  const { inputs } = state;
  return {
    files: inputs.files.length > 0 ? inputs.files.map((f) => `- ${f}`).join("\n") : "(no files were given)",
    prUrl: inputs.prUrl ?? "(no pull request)",
    issue: inputs.issue ?? "(no issue)",
    repo: state.cwd,
    role: agent.role,
    outputFile,
    findings: JSON.stringify(dependencyFindings(dependencies), null, 2),
    inputs: proseOf(dependencies),
    missing: missingOf(dependencies),
  };
}

/** The findings the agent's findings-producing dependencies reported, deduplicated, with ids. */
export function dependencyFindings(dependencies: readonly ConvoyAgent[]) {
  const reported = dependencies.flatMap((a) =>
    a.status === "succeeded" ? (a.findings ?? []).map((finding) => ({ reviewer: a.role, finding })) : [],
  );
  return dedupeFindings(reported).findings.map(({ fingerprint: _, ...finding }) => finding);
}

function proseOf(dependencies: readonly ConvoyAgent[]): string {
  const texts = dependencies
    .filter((a) => a.status === "succeeded" && a.output === "prose" && a.outputText)
    .map((a) => `### ${a.role} (${a.agent})\n\n${a.outputText!.trim()}`);
  return texts.length > 0 ? texts.join("\n\n") : "(no text outputs)";
}

function missingOf(dependencies: readonly ConvoyAgent[]): string {
  const missing = dependencies.filter((a) => a.status !== "succeeded");
  if (missing.length === 0) return "(none: every agent this one depends on finished)";
  return missing.map((a) => `- ${a.role}: ${missingReason(a)}`).join("\n");
}

export function missingReason(agent: ConvoyAgent): string {
  if (agent.error) return agent.error;
  if (!isFinished(agent)) return agent.status === "running" ? "still running" : "never started";
  return agent.status.replace("_", " ");
}
