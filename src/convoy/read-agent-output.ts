// Turns an exited agent into its outcome: the output it wrote (or its final answer, kept in its output file),
// checked against what its template promised. Invalid findings make a failed reviewer, not a failed convoy.
import { readFile, writeFile } from "node:fs/promises";
import type { AgentExit } from "./agent-launcher.js";
import type { ConvoyAgent } from "./convoy-state.js";
import { parseFindings } from "./parse-findings.js";
import { parseSynthesis } from "./synthesis.js";

/** Kept in the state; a longer output stays whole in its file. */
const maxKeptOutput = 200_000;

export type AgentOutcome = Pick<
  ConvoyAgent,
  "status" | "exitCode" | "error" | "outputText" | "findings" | "synthesis" | "costUsd"
>;

export async function readAgentOutput(
  agent: Pick<ConvoyAgent, "output">,
  exit: Extract<AgentExit, { outcome: "exited" }>,
  outputFile: string,
): Promise<AgentOutcome> {
  let text = await readFile(outputFile, "utf8").catch(() => "");
  if (text.trim() === "" && exit.resultText) {
    text = exit.resultText;
    await writeFile(outputFile, text);
  }
  const base = {
    exitCode: exit.exitCode,
    ...(text.trim() ? { outputText: text.slice(0, maxKeptOutput) } : {}),
    ...(exit.costUsd === undefined ? {} : { costUsd: exit.costUsd }),
  };
  if (exit.exitCode !== 0 || exit.error) {
    return { ...base, status: "failed", error: exit.error ?? `exited with code ${exit.exitCode}` };
  }
  if (text.trim() === "")
    return { ...base, status: "failed", error: "the agent finished without any output" };
  if (agent.output === "findings") {
    const parsed = parseFindings(text);
    if (!parsed.ok) return { ...base, status: "failed", error: `invalid findings: ${parsed.error}` };
    return { ...base, status: "succeeded", findings: parsed.findings };
  }
  if (agent.output === "synthesis") {
    const parsed = parseSynthesis(text);
    if (!parsed.ok) return { ...base, status: "failed", error: `invalid synthesis: ${parsed.error}` };
    return { ...base, status: "succeeded", synthesis: parsed.synthesis };
  }
  return { ...base, status: "succeeded" };
}
