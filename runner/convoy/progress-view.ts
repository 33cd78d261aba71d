// Live progress of a running convoy: on a terminal, a line per agent redrawn in place (with a spinner and
// elapsed times); otherwise (a pipe, CI logs) a plain line whenever an agent changes status.
import type { ConvoyState } from "../../src/convoy/convoy-state.js";
import { agentLine, seconds } from "./agent-line.js";

const spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export interface ProgressView {
  update(state: ConvoyState): void;
  /** Stops redrawing and leaves the last picture on screen. */
  stop(): void;
}

export function createProgressView(out: NodeJS.WriteStream, tty = Boolean(out.isTTY)): ProgressView {
  return tty ? liveView(out) : plainView(out);
}

function header(state: ConvoyState, now: number): string {
  const end = state.finishedAt ? Date.parse(state.finishedAt) : now;
  return `convoy ${state.id} · ${state.template} · ${state.status} · ${seconds(end - Date.parse(state.createdAt))}`;
}

function liveView(out: NodeJS.WriteStream): ProgressView {
  let latest: ConvoyState | undefined;
  let drawn = 0;
  let frame = 0;
  const draw = () => {
    if (!latest) return;
    const now = Date.now();
    const roleWidth = Math.max(...latest.agents.map((a) => a.role.length));
    const width = out.columns || 100;
    const lines = [
      header(latest, now),
      ...latest.agents.map((a) =>
        agentLine(a, { now, roleWidth, spinner: spinner[frame % spinner.length], maxWidth: width - 1 }),
      ),
    ];
    // Up to the first line drawn last time, then each line cleared and rewritten.
    let text = drawn > 0 ? `\x1b[${drawn}F` : "";
    for (const line of lines) text += `\x1b[2K${line}\n`;
    out.write(text);
    drawn = lines.length;
    frame += 1;
  };
  const timer = setInterval(draw, 120);
  timer.unref();
  return {
    update(state) {
      latest = state;
      draw();
    },
    stop() {
      clearInterval(timer);
      draw();
    },
  };
}

function plainView(out: NodeJS.WriteStream): ProgressView {
  const seen = new Map<string, string>();
  let status: string | undefined;
  return {
    update(state) {
      const now = Date.now();
      if (status === undefined) out.write(`${header(state, now)}\n`);
      status = state.status;
      const roleWidth = Math.max(...state.agents.map((a) => a.role.length));
      for (const agent of state.agents) {
        if (seen.get(agent.role) === agent.status) continue;
        // Waiting is where every agent starts; say so only for those that wait on others.
        if (!seen.has(agent.role) && agent.status === "pending" && agent.dependsOn.length === 0) {
          seen.set(agent.role, agent.status);
          continue;
        }
        seen.set(agent.role, agent.status);
        out.write(`${agentLine(agent, { now, roleWidth })}\n`);
      }
    },
    stop() {},
  };
}
