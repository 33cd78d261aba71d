// Turns the convoy engine's state updates into progress reports for the app: one line per agent whose status
// changed (with its finding count or why it failed), and the convoy's own status when it ends.
import type { ConvoyAgent, ConvoyState } from "../../src/convoy/convoy-state.js";

export interface ProgressUpdate {
  convoyId: string;
  role?: string;
  status: string;
  message?: string;
}

export function progressReporter(report: (update: ProgressUpdate) => void): (state: ConvoyState) => void {
  const seen = new Map<string, string>();
  let ended = false;
  return (state) => {
    for (const agent of state.agents) {
      const before = seen.get(agent.role);
      if (before === agent.status) continue;
      seen.set(agent.role, agent.status);
      // Every agent starts waiting; only changes from there are news.
      if (before === undefined && agent.status === "pending") continue;
      const message = agentMessage(agent);
      report({ convoyId: state.id, role: agent.role, status: agent.status, ...(message ? { message } : {}) });
    }
    if (state.status !== "running" && state.result && !ended) {
      ended = true;
      const found = state.result.findings.length;
      report({
        convoyId: state.id,
        status: state.status,
        message: `${found} finding${found === 1 ? "" : "s"}`,
      });
    }
  };
}

function agentMessage(agent: ConvoyAgent): string | undefined {
  if (agent.status === "succeeded" && agent.output === "findings") {
    const n = agent.findings?.length ?? 0;
    return `${n} finding${n === 1 ? "" : "s"}`;
  }
  if (agent.error) return agent.error.split("\n")[0]!.slice(0, 500);
  return undefined;
}
