// The daemon's parts without the daemon, for session commands run while it is stopped: same state, same
// runtimes, and the same event buffer, so what they change reaches the app once the daemon runs again.
import type { Logger } from "../../src/shared/logger.js";
import { runnerPaths } from "../config/paths.js";
import type { RunnerConfig } from "../config/runner-config.js";
import { createAgentReports } from "../daemon/agent-reports.js";
import type { DaemonContext } from "../daemon/daemon-context.js";
import { createDesktopNotifier } from "../daemon/desktop-notifier.js";
import { openEventOutbox } from "../daemon/event-outbox.js";
import { openRunnerState } from "../daemon/runner-state.js";
import { createProcessRuntime } from "../runtimes/process-runtime.js";
import { createTmuxRuntime } from "../runtimes/tmux-runtime.js";

export function offlineContext(config: RunnerConfig, dataDir: string, log: Logger): DaemonContext {
  const paths = runnerPaths(dataDir);
  const state = openRunnerState(paths.state);
  const outbox = openEventOutbox(paths.events, log);
  return {
    config,
    paths,
    state,
    outbox,
    reports: createAgentReports({
      state,
      outbox,
      dataDir,
      activityReportMs: config.tuning.activityReportMs,
      log,
    }),
    log,
    env: process.env,
    runtimes: { tmux: createTmuxRuntime(config.tmuxSocket), process: createProcessRuntime() },
    notifier: createDesktopNotifier(log),
  };
}
