// The seam between the convoy engine and wherever agents run: the runner launches them in tmux sessions, the
// Action as plain processes. The engine only launches, waits with a time limit, and stops.
import type { AgentHandle } from "./convoy-state.js";

export interface AgentLaunchRequest {
  convoyId: string;
  role: string;
  /** The prompt with its variables filled in; the agent reads it on stdin. */
  prompt: string;
  /** The repository folder the agent works in. */
  cwd: string;
  model?: string;
  /** Tools the agent may use (Claude: --tools and --allowedTools); empty: the agent's defaults. */
  tools: readonly string[];
  /** A custom agent's shell command, run instead of Claude. */
  command?: string;
  /** The agent's own folder for its prompt, logs and exit code. */
  dir: string;
  /** Where the agent's output is kept; an agent may write it itself, else its final answer is put there. */
  outputFile: string;
  /** Extra environment for this agent alone. */
  env?: Record<string, string>;
}

export type AgentExit =
  /** The agent ended by itself. `resultText` is its final answer; `error` says why a zero exit still failed. */
  | { outcome: "exited"; exitCode: number; resultText?: string; error?: string; costUsd?: number }
  | { outcome: "timed_out" }
  /** The wait was cancelled (the convoy is being stopped); the agent may still run until `stop`. */
  | { outcome: "stopped" }
  /** The agent is gone without an exit code: killed from outside, or lost with a crashed machine. */
  | { outcome: "lost"; error: string };

export interface AgentLauncher {
  /** Recorded in the convoy, so a resumed convoy uses the same kind of launcher. */
  readonly runtime: string;
  launch(request: AgentLaunchRequest): Promise<AgentHandle>;
  /** Waits for the agent to end, also one launched by an earlier process (after a restart). */
  wait(handle: AgentHandle, options: { timeoutMs: number; signal?: AbortSignal }): Promise<AgentExit>;
  /** Ends the agent and everything it started; a no-op when it has already ended. */
  stop(handle: AgentHandle): Promise<void>;
  /** Frees what the convoy held (a tmux server, its socket) once no agent of it runs any more. */
  release?(convoyId: string): Promise<void>;
}
