// One agent of a convoy as one line of text, for live progress and `drover convoy status`.
import type { ConvoyAgent } from "../../src/convoy/convoy-state.js";

const icons: Record<ConvoyAgent["status"], string> = {
  pending: "·",
  running: "»",
  succeeded: "✓",
  failed: "✗",
  timed_out: "⏱",
  stopped: "■",
};

const labels: Record<ConvoyAgent["status"], string> = {
  pending: "waiting",
  running: "running",
  succeeded: "done",
  failed: "failed",
  timed_out: "timed out",
  stopped: "stopped",
};

export function agentLine(
  agent: ConvoyAgent,
  options: { now: number; roleWidth: number; spinner?: string; maxWidth?: number },
): string {
  const icon = agent.status === "running" && options.spinner ? options.spinner : icons[agent.status];
  const line = `  ${icon} ${agent.role.padEnd(options.roleWidth)}  ${labels[agent.status].padEnd(9)}  ${detail(agent, options.now)}`;
  const max = options.maxWidth;
  return max && line.length > max ? `${line.slice(0, max - 1)}…` : line.trimEnd();
}

function detail(agent: ConvoyAgent, now: number): string {
  const took = agent.startedAt
    ? seconds((agent.finishedAt ? Date.parse(agent.finishedAt) : now) - Date.parse(agent.startedAt))
    : "";
  switch (agent.status) {
    case "pending":
      return agent.dependsOn.length > 0 ? `after ${agent.dependsOn.join(", ")}` : "";
    case "running":
      return [took, agent.model].filter(Boolean).join("  ");
    case "succeeded": {
      const what =
        agent.output === "findings"
          ? plural(agent.findings?.length ?? 0, "finding", "findings")
          : agent.output === "synthesis"
            ? plural(agent.synthesis?.priorities.length ?? 0, "priority", "priorities")
            : "text";
      return `${what}  ${took}`;
    }
    default:
      return `${firstLine(agent.error ?? "")}${took ? `  ${took}` : ""}`;
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function seconds(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function firstLine(text: string): string {
  return text.split("\n")[0]!.trim();
}
