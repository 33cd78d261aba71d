// How an agent runs: a runtime starts it, tells whether it still lives, hands it messages and shows its output.
import type { RuntimeHandle } from "../daemon/runner-state.js";

export interface StartSpec {
  sessionId: string;
  cwd: string;
  /** The shell script that starts the agent (it `exec`s the agent, so its exit status is the agent's). */
  script: string;
  /** Variables added to the agent's environment. */
  env: Record<string, string>;
  /** A folder of the runner's own for this session (exit code, output, input pipe). */
  sessionDir: string;
  /** Whether the agent reads messages on stdin (process runtime); a tmux pane always has a terminal. */
  stdin: "none" | "pipe";
}

/** What the screen shows around the cursor, for telling a submitted message from one left in the input line. */
export interface PaneView {
  screen: string;
  cursorX: number;
  cursorY: number;
  cursorLine: string;
}

/** How to read one agent's screen: when it takes input, and whether typed text still waits in its input line. */
export interface InputProbe {
  ready(screen: string): boolean;
  /** true: the text sits unsubmitted; false: it was taken; undefined: this screen cannot tell. */
  holdsInput(view: PaneView, typed: PaneView): boolean | undefined;
}

export type AgentStatus = { alive: true } | { alive: false; code: number | null };

export interface Delivery {
  method: "keys" | "paste" | "stdin";
  /** How many times Enter had to be pressed before the agent took the message. */
  enterPresses: number;
}

export interface Runtime {
  readonly kind: RuntimeHandle["kind"];
  start(spec: StartSpec): Promise<RuntimeHandle>;
  /** One status per handle, in order (one tmux call for all of them). */
  statuses(handles: RuntimeHandle[]): Promise<AgentStatus[]>;
  send(handle: RuntimeHandle, message: string, probe: InputProbe, readyTimeoutMs: number): Promise<Delivery>;
  /** The last `lines` lines of output (the screen and some history for tmux). */
  capture(handle: RuntimeHandle, lines: number): Promise<string[]>;
  /** Ends the agent and everything it started. */
  stop(handle: RuntimeHandle): Promise<void>;
}

export class RuntimeError extends Error {
  constructor(
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "RuntimeError";
  }
}
