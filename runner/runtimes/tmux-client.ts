// The runner's own tmux server (`tmux -L <socket>`, started without the user's ~/.tmux.conf so key bindings,
// base-index and hooks of theirs cannot change how agents are driven).
import { spawn } from "node:child_process";
import { RuntimeError } from "./runtime.js";

export interface TmuxClient {
  readonly socket: string;
  run(args: string[], input?: string): Promise<string>;
}

export function createTmuxClient(socket: string): TmuxClient {
  return {
    socket,
    run(args, input) {
      return new Promise((resolve, reject) => {
        const child = spawn("tmux", ["-L", socket, "-f", "/dev/null", ...args], {
          stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout?.setEncoding("utf8").on("data", (c) => (stdout += c));
        child.stderr?.setEncoding("utf8").on("data", (c) => (stderr += c));
        child.once("error", (error) =>
          reject(
            new RuntimeError(
              (error as NodeJS.ErrnoException).code === "ENOENT"
                ? "tmux is not installed; install it (apt-get install tmux / brew install tmux) or use runtime: process"
                : `tmux failed to start: ${error.message}`,
              { socket, args },
            ),
          ),
        );
        child.once("close", (code) => {
          if (code === 0) resolve(stdout);
          else
            reject(
              new RuntimeError(`tmux ${args[0]} failed: ${stderr.trim() || `exit ${code}`}`, {
                socket,
                args,
              }),
            );
        });
        if (input !== undefined) child.stdin?.end(input);
      });
    },
  };
}

/** The target of a tmux session by exact name (a bare name would also match any session it prefixes). */
export const sessionTarget = (name: string) => `=${name}`;
export const paneTarget = (name: string) => `=${name}:`;
