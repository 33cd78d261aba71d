// Convoy agents in tmux for `drover convoy start`: each agent in its own session on a tmux server of the convoy's
// own (`tmux -L drover-convoy-<id>`), through the runner's tmux client. Sessions outlive the drover process, so a
// convoy can be resumed, and a user can watch an agent with the attach command `drover convoy status` prints.
// The session ends with the agent; how it ended is in the files its wrapper script writes.
import { rmSync } from "node:fs";
import { z } from "zod";
import type { AgentRuntime, RuntimeStart } from "../../src/convoy/agent-runtime.js";
import { processAlive } from "../../src/convoy/process-runtime.js";
import { shellQuote } from "../../src/convoy/shell-quote.js";
import { createTmuxClient, sessionTarget } from "../runtimes/tmux-client.js";

export const convoySocket = (convoyId: string) => `drover-convoy-${convoyId}`;
export const agentSessionName = (role: string) => `drover-${role}`;

const handleSchema = z.looseObject({
  socket: z.string(),
  session: z.string(),
  /** The pane's shell: alive exactly as long as the agent's wrapper script runs. */
  panePid: z.number().int().positive(),
});

export function createConvoyTmuxRuntime(): AgentRuntime {
  // A phase's agents start together; one at a time per server, so the first starts the tmux server and the
  // others join it instead of several clients racing to start it.
  const starting = new Map<string, Promise<unknown>>();
  return {
    kind: "tmux",
    start(request) {
      const socket = convoySocket(request.convoyId);
      const previous = starting.get(socket) ?? Promise.resolve();
      const started = previous.then(
        () => startSession(request),
        () => startSession(request),
      );
      starting.set(socket, started);
      return started;
    },
    async isAlive(handle) {
      return processAlive(handleSchema.parse(handle).panePid);
    },
    async stop(handle) {
      const { socket, session, panePid } = handleSchema.parse(handle);
      try {
        await createTmuxClient(socket).run(["kill-session", "-t", sessionTarget(session)]);
      } catch {
        // the session (or the whole server) is already gone
      }
      // kill-session hangs up the pane; the agent's own children go with its process group.
      try {
        process.kill(-panePid, "SIGTERM");
      } catch {
        // already gone
      }
    },
    async release(convoyId) {
      starting.delete(convoySocket(convoyId));
      try {
        await createTmuxClient(convoySocket(convoyId)).run(["kill-server"]);
      } catch {
        // no server left: nothing to free
      }
      // tmux 3.3a leaves the socket file behind after kill-server (docs/real-agents.md), sometimes its lock too.
      const path = socketPath(convoySocket(convoyId));
      rmSync(path, { force: true });
      rmSync(`${path}.lock`, { force: true });
    },
  };
}

async function startSession({ convoyId, role, script, cwd, extraEnv }: RuntimeStart) {
  const socket = convoySocket(convoyId);
  const session = agentSessionName(role);
  const tmux = createTmuxClient(socket);
  // A session of this name can only be left by a drover process that died between starting the agent and
  // recording it: that agent was never seen, so it goes and this one starts afresh.
  await tmux.run(["kill-session", "-t", sessionTarget(session)]).catch(() => undefined);
  // The tmux server inherits this process's environment; only what is the agent's own goes on the command.
  const env = Object.entries(extraEnv).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
  const printed = await tmux.run([
    "new-session",
    "-d",
    "-P",
    "-F",
    "#{pane_pid}",
    "-s",
    session,
    "-x",
    "200",
    "-y",
    "50",
    "-c",
    cwd,
    ...env,
    `exec /bin/sh ${shellQuote(script)}`,
  ]);
  const panePid = Number.parseInt(printed.trim(), 10);
  if (!Number.isInteger(panePid))
    throw new Error(`tmux did not say which process runs ${session}: "${printed}"`);
  return { socket, session, panePid };
}

/** Where `tmux -L name` puts its socket. */
export function socketPath(socket: string): string {
  return `${process.env.TMUX_TMPDIR || "/tmp"}/tmux-${process.getuid?.() ?? 0}/${socket}`;
}
