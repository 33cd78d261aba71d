// What an agent answered, read from its stdout file once it has exited: the `result` line of Claude's stream-json
// or, for a custom command, everything it printed.
import { z } from "zod";
import type { AgentKind } from "./agent-command.js";

export interface AgentResult {
  text?: string;
  /** Why the agent failed although it may have exited 0 (Claude's is_error, a missing result line). */
  error?: string;
  costUsd?: number;
}

const streamLineSchema = z.looseObject({
  type: z.string(),
  subtype: z.string().optional(),
  result: z.string().optional(),
  is_error: z.boolean().optional(),
  total_cost_usd: z.number().optional(),
});

export function readAgentResult(kind: AgentKind, stdout: string): AgentResult {
  if (kind === "command") return stdout.trim() === "" ? {} : { text: stdout };
  let result: z.infer<typeof streamLineSchema> | undefined;
  let retries = 0;
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue; // a line cut off when the agent was killed
    }
    const parsed = streamLineSchema.safeParse(json);
    if (!parsed.success) continue;
    if (parsed.data.type === "result") result = parsed.data;
    if (parsed.data.type === "system" && parsed.data.subtype === "api_retry") retries += 1;
  }
  if (!result) {
    // Claude Code retries an unreachable model API for minutes, printing api_retry lines (docs/real-agents.md).
    return {
      error:
        retries > 0
          ? `the model API did not answer (${retries} retries)`
          : "claude printed no result line in its stream-json output",
    };
  }
  const costUsd = result.total_cost_usd;
  const text = result.result;
  if (result.is_error || (result.subtype && result.subtype !== "success")) {
    return {
      error: `claude ended with ${result.subtype ?? "an error"}${text ? `: ${text.slice(0, 500)}` : ""}`,
      ...(costUsd === undefined ? {} : { costUsd }),
    };
  }
  return { ...(text ? { text } : {}), ...(costUsd === undefined ? {} : { costUsd }) };
}
