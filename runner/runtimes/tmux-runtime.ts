// The tmux runtime (the default): each agent in its own session on the runner's dedicated tmux server, which
// outlives the daemon, so a restarted runner finds its agents still running. The pane stays after the agent
// exits (remain-on-exit), so the exit status can be read before the session is cleaned away.

import { safeName } from "../config/paths.js";
import type { RuntimeHandle } from "../daemon/runner-state.js";
import { deliverToPane } from "./deliver-to-pane.js";
import { type AgentStatus, type Runtime, RuntimeError, type StartSpec } from "./runtime.js";
import { createTmuxClient, paneTarget, sessionTarget, type TmuxClient } from "./tmux-client.js";

type TmuxHandle = Extract<RuntimeHandle, { kind: "tmux" }>;

export const tmuxSessionName = (sessionId: string) => `drover-${safeName(sessionId)}`.slice(0, 100);

export function createTmuxRuntime(
  socket: string,
): Runtime & { client: TmuxClient; attachArgs(handle: RuntimeHandle): string[] } {
  const tmux = createTmuxClient(socket);
  const asTmux = (handle: RuntimeHandle): TmuxHandle => {
    if (handle.kind !== "tmux") throw new RuntimeError("not a tmux session", { handle });
    return handle;
  };
  return {
    kind: "tmux",
    client: tmux,
    async start(spec: StartSpec) {
      const name = tmuxSessionName(spec.sessionId);
      const env = Object.entries(spec.env).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
      // One command list, so remain-on-exit is set before the server can notice an agent that exits at once.
      await tmux.run([
        "new-session",
        "-d",
        "-s",
        name,
        "-x",
        "200",
        "-y",
        "50",
        "-c",
        spec.cwd,
        ...env,
        `exec sh '${spec.script.replaceAll("'", "'\\''")}'`,
        ";",
        "set-option",
        "-w",
        "-t",
        paneTarget(name),
        "remain-on-exit",
        "on",
        ";",
        "set-option",
        "-t",
        paneTarget(name),
        "history-limit",
        "5000",
      ]);
      return { kind: "tmux", socket, name };
    },
    async statuses(handles) {
      if (handles.length === 0) return [];
      let listing = "";
      try {
        listing = await tmux.run([
          "list-panes",
          "-a",
          "-F",
          "#{session_name}\t#{pane_dead}\t#{pane_dead_status}",
        ]);
      } catch (error) {
        // No server: every session is gone (the server exits with its last session).
        if (!/no server running|error connecting|No such file/i.test((error as Error).message)) throw error;
      }
      const panes = new Map<string, AgentStatus>();
      for (const line of listing.split("\n")) {
        const [name, dead, status] = line.split("\t");
        if (!name || panes.has(name)) continue;
        panes.set(
          name,
          dead === "1" ? { alive: false, code: status === "" ? null : Number(status) } : { alive: true },
        );
      }
      return handles.map((handle) => panes.get(asTmux(handle).name) ?? { alive: false, code: null });
    },
    send(handle, message, probe, readyTimeoutMs) {
      return deliverToPane(tmux, asTmux(handle).name, message, probe, readyTimeoutMs);
    },
    async capture(handle, lines) {
      const text = await tmux.run([
        "capture-pane",
        "-p",
        "-J",
        "-S",
        `-${lines}`,
        "-t",
        paneTarget(asTmux(handle).name),
      ]);
      return trimTrailingBlank(text.split("\n")).slice(-lines);
    },
    async stop(handle) {
      try {
        await tmux.run(["kill-session", "-t", sessionTarget(asTmux(handle).name)]);
      } catch (error) {
        if (!/can't find session|no server running|error connecting/i.test((error as Error).message))
          throw error;
      }
    },
    attachArgs(handle) {
      return ["tmux", "-L", socket, "attach-session", "-t", sessionTarget(asTmux(handle).name)];
    },
  };
}

function trimTrailingBlank(all: string[]): string[] {
  // remain-on-exit's own line is tmux's, not the agent's output.
  const lines = all.filter((line) => !/^Pane is dead \(/.test(line));
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === "") end--;
  return lines.slice(0, end).map((l) => l.trimEnd());
}
