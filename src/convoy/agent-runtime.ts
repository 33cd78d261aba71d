// Where an agent's wrapper script runs: a detached process group, or a tmux session. The launcher built on it
// (create-agent-launcher.ts) does the rest the same way for both.

export interface RuntimeStart {
  convoyId: string;
  role: string;
  /** The wrapper script to run with /bin/sh. */
  script: string;
  cwd: string;
  /** The agent's whole environment (a process runtime starts it with exactly this). */
  env: Record<string, string>;
  /** What this agent adds to the launcher's base environment (a tmux server already has the rest). */
  extraEnv: Record<string, string>;
}

export interface AgentRuntime {
  readonly kind: string;
  /** Starts the script; returns what identifies it (stored in the agent's handle). */
  start(start: RuntimeStart): Promise<Record<string, unknown>>;
  isAlive(handle: Record<string, unknown>): Promise<boolean>;
  stop(handle: Record<string, unknown>): Promise<void>;
  release?(convoyId: string): Promise<void>;
}
