// The tmux runtime (the default): each agent in its own session on a dedicated tmux server (the runner's, or a
// convoy's own), which outlives the daemon, so a restarted runner finds its agents still running. The pane stays
// after the agent exits (remain-on-exit), so the exit status can be read before the session is cleaned away —
// unless the agent leaves its exit status elsewhere (a convoy's wrapper writes a file), when it goes with it.

import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { shellQuote } from "../../src/shared/shell-quote.js";
import { safeName } from "../config/paths.js";
import type { RuntimeHandle } from "../daemon/runner-state.js";
import { deliverToPane } from "./deliver-to-pane.js";
import { type AgentStatus, type Runtime, RuntimeError, type StartSpec } from "./runtime.js";
import { createTmuxClient, paneTarget, sessionTarget, type TmuxClient } from "./tmux-client.js";

type TmuxHandle = Extract<RuntimeHandle, { kind: "tmux" }>;

export const tmuxSessionName = (sessionId: string) => `drover-${safeName(sessionId)}`.slice(0, 100);

export function createTmuxRuntime(
  socket: string,
  options: { keepDeadPanes?: boolean } = {},
): Runtime & { client: TmuxClient; attachArgs(handle: RuntimeHandle): string[] } {
  const remainOnExit = options.keepDeadPanes === false ? "off" : "on";
  const tmux = createTmuxClient(socket);
  const asTmux = (handle: RuntimeHandle): TmuxHandle => {
    if (handle.kind !== "tmux") throw new RuntimeError("not a tmux session", { handle });
    return handle;
  };
  const deadSince = new Map<string, number>();
  // Sessions are created one at a time: agents started together (a convoy's phase) would otherwise race to
  // start the server, and all but one client fail.
  let creating: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = creating.then(work, work);
    creating = next.catch(() => undefined);
    return next;
  };
  return {
    kind: "tmux",
    client: tmux,
    async start(spec: StartSpec) {
      const name = tmuxSessionName(spec.sessionId);
      const exitFile = join(spec.sessionDir, "tmux-exit-code");
      // A respawn reuses the session's folder: the last run's code must not pass for this one's.
      rmSync(exitFile, { force: true });
      const env = Object.entries(spec.env).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
      // One command list, so remain-on-exit is set before the server can notice an agent that exits at once.
      const create = () =>
        tmux.run([
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
          paneCommand(spec.script, exitFile),
          ";",
          "set-option",
          "-w",
          "-t",
          paneTarget(name),
          "remain-on-exit",
          remainOnExit,
          ";",
          "set-option",
          "-t",
          paneTarget(name),
          "history-limit",
          "5000",
        ]);
      await oneAtATime(async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await create();
          } catch (error) {
            // The server was exiting with its last session just as this one came: the next try starts a new one.
            if (attempt >= 3 || !/server exited unexpectedly/i.test((error as Error).message)) throw error;
            await sleep(100 * attempt);
          }
        }
      });
      return { kind: "tmux", socket, name, exitFile };
    },
    async statuses(handles) {
      if (handles.length === 0) return [];
      let listing = "";
      for (let attempt = 1; ; attempt++) {
        try {
          listing = await tmux.run([
            "list-panes",
            "-a",
            "-F",
            "#{session_name}\t#{pane_dead}\t#{pane_dead_status}\t#{pane_dead_signal}",
          ]);
          break;
        } catch (error) {
          if (!noServer.test((error as Error).message)) throw error;
          // No server: every session is gone (the server exits with its last session). Asked again before
          // believing it, so a server that was only slow to answer never has its agents taken for dead.
          if (attempt >= 3) break;
          await sleep(100);
        }
      }
      const panes = new Map<string, { dead: boolean; status?: string; signal?: string }>();
      for (const line of listing.split("\n")) {
        const [name, dead, status, signal] = line.split("\t");
        if (name && !panes.has(name)) panes.set(name, { dead: dead === "1", status, signal });
      }
      const now = Date.now();
      return handles.map((handle): AgentStatus => {
        const { name, exitFile } = asTmux(handle);
        const pane = panes.get(name);
        if (pane?.dead !== true || pane.status || pane.signal) deadSince.delete(name);
        if (!pane) return { alive: false, code: codeIn(exitFile) };
        if (!pane.dead) return { alive: true };
        if (pane.status) return { alive: false, code: Number(pane.status) };
        if (pane.signal) return { alive: false, code: null };
        // Dead without a status: tmux saw the terminal close but has not reaped the process yet, and now and
        // then misses its exit altogether (a zombie stays). The pane's shell wrote the code down first.
        const written = codeIn(exitFile);
        if (written !== null) return { alive: false, code: written };
        // Handles from before the file: the status may come in a moment, or clearly not at all.
        const since = deadSince.get(name) ?? now;
        deadSince.set(name, since);
        return now - since < exitStatusWaitMs ? { alive: true } : { alive: false, code: null };
      });
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
      const name = asTmux(handle).name;
      const panePid = await livePanePid(tmux, name);
      try {
        await tmux.run(["kill-session", "-t", sessionTarget(name)]);
      } catch (error) {
        if (!gone(error)) throw error;
      }
      // Killing the session hangs up the pane; what the agent started and that ignores the hang-up (a test
      // run, a build) is in the pane's process group and goes too.
      if (panePid !== undefined) signalGroup(panePid, "SIGTERM");
    },
    attachArgs(handle) {
      return ["tmux", "-L", socket, "attach-session", "-t", sessionTarget(asTmux(handle).name)];
    },
  };
}

/**
 * The pane runs the agent's script under a shell that writes its exit code to a file before it ends, so the code
 * is known even when tmux misses it. The shell's own exit status stays the agent's.
 */
function paneCommand(script: string, exitFile: string): string {
  const [run, tmp, file] = [script, `${exitFile}.tmp`, exitFile].map(shellQuote);
  return `sh ${run}; code=$?; echo "$code" > ${tmp} && mv ${tmp} ${file}; exit "$code"`;
}

/** The exit code the pane's shell wrote down; null when it has not (yet) or the handle has no file. */
function codeIn(exitFile: string | undefined): number | null {
  if (!exitFile) return null;
  try {
    const code = Number.parseInt(readFileSync(exitFile, "utf8"), 10);
    return Number.isInteger(code) ? code : null;
  } catch {
    return null;
  }
}

/** How long a dead pane may show no exit status before its status is taken as unknown. */
const exitStatusWaitMs = 2_000;

// The server exits with its last session: a client that comes just then hears it "exited unexpectedly", or finds
// it still there without a session ("no current target").
const noServer =
  /no server running|error connecting|No such file|server exited unexpectedly|no current target/i;
const gone = (error: unknown) => {
  const message = (error as Error).message;
  return /can't find/i.test(message) || noServer.test(message);
};

/** The pid of the session's pane while its process lives (a dead pane's pid may belong to another by now). */
async function livePanePid(tmux: TmuxClient, name: string): Promise<number | undefined> {
  try {
    const [dead, pid] = (
      await tmux.run(["display-message", "-p", "-t", paneTarget(name), "#{pane_dead}\t#{pane_pid}"])
    )
      .trim()
      .split("\t");
    return dead === "0" && Number(pid) > 0 ? Number(pid) : undefined;
  } catch (error) {
    if (gone(error)) return undefined;
    throw error;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone with the session.
  }
}

function trimTrailingBlank(all: string[]): string[] {
  // remain-on-exit's own line is tmux's, not the agent's output.
  const lines = all.filter((line) => !/^Pane is dead \(/.test(line));
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === "") end--;
  return lines.slice(0, end).map((l) => l.trimEnd());
}
