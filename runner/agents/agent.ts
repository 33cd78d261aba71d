// What the runner needs to know about one kind of agent: how to start it, how its prompt reaches it, how to
// read its screen, how it reports (Claude Code through hooks, the rest through their output), which file of
// instructions it reads.
import type { RepoConfig } from "../../src/config/repo-config.js";
import type { RunnerConfig } from "../config/runner-config.js";
import type { InputProbe } from "../runtimes/runtime.js";

export interface LaunchContext {
  sessionId: string;
  workspace: string;
  prompt: string;
  promptFile: string;
  model?: string;
  repoConfig: RepoConfig;
  runner: RunnerConfig;
  /** The command Claude Code hooks run to reach this runner. */
  hookCommand: string;
  /** The daemon's environment, which the agent inherits. */
  env: NodeJS.ProcessEnv;
}

export interface Launch {
  /** A shell command line that starts the agent; the session's script `exec`s it. */
  command: string;
  /** The first prompt is on the command line, or typed in once the agent shows its input. */
  prompt: "argument" | "typed";
  /** Whether the agent reads messages on stdin when it runs without a terminal. */
  stdin: "none" | "pipe";
}

export interface AgentAdapter {
  readonly name: RepoConfig["agent"]["name"];
  /** Needs a terminal: runs in tmux only. */
  readonly interactive: boolean;
  /** Reports its state through Claude Code hooks; others are watched through their output. */
  readonly hooks: boolean;
  /** The instructions file it reads from its workspace; the runner's note about `drover report` goes there. */
  readonly noteFile: "CLAUDE.md" | "AGENTS.md";
  readonly probe: InputProbe;
  /** Writes what the agent needs in its workspace and user config; returns the workspace files it wrote. */
  prepare(ctx: LaunchContext): Promise<string[]>;
  launch(ctx: LaunchContext): Launch;
}

export class AgentSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AgentSetupError";
  }
}
