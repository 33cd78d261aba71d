// The launcher a convoy on this machine uses, by the runtime recorded in its state: tmux (the default, agents
// in sessions a user can watch) or plain processes.
import type { AgentLauncher } from "../../src/convoy/agent-launcher.js";
import { createAgentLauncher } from "../../src/convoy/create-agent-launcher.js";
import { createProcessRuntime } from "../../src/convoy/process-runtime.js";
import { CliError, exitCodes } from "../exit-codes.js";
import { createConvoyTmuxRuntime } from "./tmux-agent-runtime.js";

export const convoyRuntimes = ["tmux", "process"] as const;

export function convoyLauncher(runtime: string): AgentLauncher {
  if (runtime === "tmux") return createAgentLauncher(createConvoyTmuxRuntime());
  if (runtime === "process") return createAgentLauncher(createProcessRuntime());
  throw new CliError(`Unknown runtime "${runtime}"; use tmux or process.`, exitCodes.usage);
}
