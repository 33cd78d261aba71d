// Convoy agents in tmux (`drover convoy start`, review jobs on the runner): the runner's tmux runtime, with each
// agent in its own session on a tmux server of the convoy's own (`tmux -L drover-convoy-<id>`). Sessions outlive
// the drover process, so a convoy can be resumed, and a user can watch an agent with the attach command
// `drover convoy status` prints. How an agent ended is in the files its wrapper script writes.
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import type { AgentRuntime } from "../../src/convoy/agent-runtime.js";
import type { RuntimeHandle } from "../daemon/runner-state.js";
import { createTmuxRuntime, tmuxSessionName } from "../runtimes/tmux-runtime.js";

type TmuxHandle = Extract<RuntimeHandle, { kind: "tmux" }>;

export const convoySocket = (convoyId: string) => `drover-convoy-${convoyId}`;
export const agentSessionName = (role: string) => tmuxSessionName(role);

// `panePid` in handles of earlier versions is not needed: the session's name is enough to find the agent.
const handleSchema = z.looseObject({ socket: z.string(), session: z.string() });

export function createConvoyTmuxRuntime(): AgentRuntime {
  // One runtime per convoy server, so agents of one phase start one after another on it.
  const servers = new Map<string, ReturnType<typeof createTmuxRuntime>>();
  const serverFor = (socket: string) => {
    let runtime = servers.get(socket);
    if (!runtime) {
      // The wrapper script writes the exit code to a file; a session that ends with its agent leaves no dead
      // panes behind, so the server of a convoy nobody resumes ends by itself.
      runtime = createTmuxRuntime(socket, { keepDeadPanes: false });
      servers.set(socket, runtime);
    }
    return runtime;
  };
  const tmuxHandle = (handle: Record<string, unknown>): TmuxHandle => {
    const { socket, session } = handleSchema.parse(handle);
    return { kind: "tmux", socket, name: session };
  };

  return {
    kind: "tmux",
    async start({ convoyId, role, script, cwd, extraEnv }) {
      const socket = convoySocket(convoyId);
      const tmux = serverFor(socket);
      const session = agentSessionName(role);
      // A session of this name can only be left by a drover process that died between starting the agent and
      // recording it, or by an earlier run of this role (synthesize again): it goes, and this one starts afresh.
      await tmux.stop({ kind: "tmux", socket, name: session });
      // The tmux server inherits this process's environment; only what is the agent's own goes on the command.
      await tmux.start({
        sessionId: role,
        cwd,
        script,
        env: extraEnv,
        sessionDir: dirname(script),
        stdin: "none",
      });
      return { socket, session };
    },
    async isAlive(handle) {
      const where = tmuxHandle(handle);
      const [status] = await serverFor(where.socket).statuses([where]);
      return status?.alive ?? false;
    },
    async stop(handle) {
      const where = tmuxHandle(handle);
      await serverFor(where.socket).stop(where);
    },
    async release(convoyId) {
      const socket = convoySocket(convoyId);
      servers.delete(socket);
      try {
        await createTmuxRuntime(socket).client.run(["kill-server"]);
      } catch {
        // no server left: nothing to free
      }
      // tmux 3.3a leaves the socket file behind after kill-server (docs/real-agents.md), sometimes its lock too.
      const path = socketPath(socket);
      rmSync(path, { force: true });
      rmSync(`${path}.lock`, { force: true });
    },
  };
}

/** Where `tmux -L name` puts its socket. */
export function socketPath(socket: string): string {
  return `${process.env.TMUX_TMPDIR || "/tmp"}/tmux-${process.getuid?.() ?? 0}/${socket}`;
}
