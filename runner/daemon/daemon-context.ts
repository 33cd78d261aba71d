// Everything the daemon's parts share: configuration, its files, its state, the event buffer and the runtimes.
import type { Logger } from "../../src/shared/logger.js";
import type { RunnerPaths } from "../config/paths.js";
import type { RunnerConfig } from "../config/runner-config.js";
import type { Runtime } from "../runtimes/runtime.js";
import type { AgentReports } from "./agent-reports.js";
import type { DesktopNotifier } from "./desktop-notifier.js";
import type { EventOutbox } from "./event-outbox.js";
import type { RunnerState, RuntimeHandle } from "./runner-state.js";

export interface DaemonContext {
  config: RunnerConfig;
  paths: RunnerPaths;
  state: RunnerState;
  outbox: EventOutbox;
  reports: AgentReports;
  log: Logger;
  /** The daemon's environment, which agents inherit. */
  env: NodeJS.ProcessEnv;
  runtimes: { tmux: Runtime; process: Runtime };
  notifier: DesktopNotifier;
}

export function runtimeFor(ctx: Pick<DaemonContext, "runtimes">, handle: RuntimeHandle): Runtime {
  return handle.kind === "tmux" ? ctx.runtimes.tmux : ctx.runtimes.process;
}

/** A job that cannot be done, with a reason the app shows the human. */
export class JobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JobError";
  }
}
