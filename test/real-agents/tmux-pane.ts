// Drives an interactive agent in real tmux for the smoke tests: a private tmux server (its own socket), panes
// started with an exact environment, typing, pasting, and reading Claude Code's input box off the screen.

import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { readInputBox } from "../../runner/agents/claude-screen.js";
import { shellQuote } from "../../src/shared/shell-quote.js";

const run = promisify(execFile);

export class TmuxError extends Error {
  constructor(
    message: string,
    readonly context: Record<string, unknown>,
  ) {
    super(message);
    this.name = "TmuxError";
  }
}

export interface Tmux {
  socket: string;
  tmux(...args: string[]): Promise<string>;
  /** Starts a detached session whose single pane runs argv in cwd with exactly env (nothing inherited). */
  start(session: string, opts: { cwd: string; env: Record<string, string>; argv: string[] }): Promise<void>;
  capture(target: string): Promise<string>;
  /** Types text literally, then presses Enter as a separate key, as a person would. */
  type(target: string, text: string): Promise<void>;
  /** Pastes text as one bracketed paste (load-buffer + paste-buffer -p) and presses Enter. */
  paste(target: string, text: string, scratchDir: string): Promise<void>;
  waitForScreen(
    target: string,
    predicate: (screen: string) => boolean,
    opts?: { timeoutMs?: number; what?: string },
  ): Promise<string>;
  /** Kills this socket's server and everything running in it. */
  kill(): Promise<void>;
}

export function createTmux(socket: string): Tmux {
  const tmux = async (...args: string[]) => {
    try {
      return (await run("tmux", ["-L", socket, ...args], { encoding: "utf8" })).stdout;
    } catch (error) {
      throw new TmuxError(`tmux ${args[0]} failed: ${(error as { stderr?: string }).stderr ?? error}`, {
        socket,
        args,
      });
    }
  };
  const capture = (target: string) => tmux("capture-pane", "-p", "-t", target);
  let socketPath: string | undefined;
  return {
    socket,
    tmux,
    async start(session, { cwd, env, argv }) {
      // env -i: the tmux server's own environment (the test runner's) must not reach the agent.
      const assignments = Object.entries(env).map(([k, v]) => shellQuote(`${k}=${v}`));
      const command = `exec env -i ${assignments.join(" ")} ${argv.map(shellQuote).join(" ")}`;
      await tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", "-c", cwd, command);
      socketPath ??= (await tmux("display-message", "-p", "-t", session, "#{socket_path}")).trim();
    },
    capture,
    async type(target, text) {
      await tmux("send-keys", "-t", target, "-l", text);
      await tmux("send-keys", "-t", target, "Enter");
    },
    async paste(target, text, scratchDir) {
      const file = join(scratchDir, `paste-${Date.now()}.txt`);
      writeFileSync(file, text);
      const buffer = `drover-${process.pid}`;
      await tmux("load-buffer", "-b", buffer, file);
      await tmux("paste-buffer", "-p", "-d", "-b", buffer, "-t", target);
      await tmux("send-keys", "-t", target, "Enter");
    },
    async waitForScreen(target, predicate, { timeoutMs = 60_000, what = "the expected screen" } = {}) {
      const deadline = Date.now() + timeoutMs;
      let screen = "";
      while (Date.now() < deadline) {
        screen = await capture(target);
        if (predicate(screen)) return screen;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new TmuxError(`pane ${target} did not show ${what} within ${timeoutMs} ms`, { screen });
    },
    async kill() {
      // The panes' processes outlive kill-server for a moment (Claude flushes its files on SIGHUP); wait for them,
      // so the caller can delete their HOME without racing their last writes.
      const pids = await tmux("list-panes", "-a", "-F", "#{pane_pid}").then(
        (out) => out.split("\n").filter(Boolean).map(Number),
        () => [] as number[],
      );
      await run("tmux", ["-L", socket, "kill-server"]).catch((error: { stderr?: string }) => {
        // Already gone (every session ended) is the outcome we want.
        if (!/no server running|error connecting/.test(error.stderr ?? "")) throw error;
      });
      // kill-server leaves the socket file behind (tmux 3.3a); each test run has its own socket, so remove it.
      if (socketPath) rmSync(socketPath, { force: true });
      await waitForExit(pids, 10_000);
    },
  };
}

/** The box is drawn, empty, and the agent is not working on a turn (no "esc to interrupt"). */
export function readyForInput(screen: string): boolean {
  const box = readInputBox(screen);
  return box !== undefined && box.text === "" && !box.footer.includes("esc to interrupt");
}

async function waitForExit(pids: number[], timeoutMs: number): Promise<void> {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (pids.some(alive)) {
    if (Date.now() > deadline) {
      for (const pid of pids.filter(alive)) process.kill(pid, "SIGKILL");
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
