// The runner daemon: polls the app for jobs and runs them, watches its agents, and delivers what it sees. It
// picks up where it left off after a restart: agents still running in tmux are watched again, events still on
// disk are delivered, and hooks that fired while it was down are read from their spool.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { Logger } from "../../src/shared/logger.js";
import { version } from "../../src/shared/version.js";
import { runnerPaths } from "../config/paths.js";
import type { RunnerConfig } from "../config/runner-config.js";
import { createProcessRuntime } from "../runtimes/process-runtime.js";
import { createTmuxRuntime } from "../runtimes/tmux-runtime.js";
import { createAgentReports } from "./agent-reports.js";
import { type AppCallError, createAppClient } from "./app-client.js";
import { parseJsonOrUndefined } from "./atomic-file.js";
import { claudeHookPayloadSchema } from "./claude-hook-payload.js";
import { startControlServer } from "./control-server.js";
import type { DaemonContext } from "./daemon-context.js";
import { createDesktopNotifier } from "./desktop-notifier.js";
import { startEventDelivery } from "./event-delivery.js";
import { openEventOutbox } from "./event-outbox.js";
import { startHealthMonitor } from "./health-monitor.js";
import { drainSpool } from "./hook-spool.js";
import { createJobRunner } from "./job-runner.js";
import { type OpenLiveCost, openLiveCost } from "./live-cost.js";
import { type LiveCostLoop, startLiveCostLoop } from "./live-cost-loop.js";
import { type PollLoop, startPollLoop } from "./poll-loop.js";
import { openRunnerState } from "./runner-state.js";

export interface DaemonOptions {
  config: RunnerConfig;
  dataDir: string;
  log: Logger;
  env?: NodeJS.ProcessEnv;
  /** The live-cost reader (the cost module's transcript tail by default). */
  openLiveCost?: OpenLiveCost;
}

export interface RunningDaemon {
  /** Resolves with the exit code the process should end with: 0 after stop(), 78 when the app refused it. */
  readonly done: Promise<number>;
  stop(): Promise<void>;
}

/** EX_CONFIG: the service manager must not restart a runner whose token the app refuses. */
export const refusedExitCode = 78;

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { config, log } = options;
  const env = options.env ?? process.env;
  const paths = runnerPaths(options.dataDir);
  mkdirSync(paths.data, { recursive: true, mode: 0o700 });
  const state = openRunnerState(paths.state);
  const outbox = openEventOutbox(paths.events, log);
  const reports = createAgentReports({
    state,
    outbox,
    dataDir: paths.data,
    activityReportMs: config.tuning.activityReportMs,
    log,
  });
  const ctx: DaemonContext = {
    config,
    paths,
    state,
    outbox,
    reports,
    log,
    env,
    runtimes: { tmux: createTmuxRuntime(config.tmuxSocket), process: createProcessRuntime() },
    notifier: createDesktopNotifier(log, env),
  };
  const startedAt = Date.now();
  const client = createAppClient(config.server, config.token);
  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (finish = resolve));
  let stopping: Promise<void> | undefined;

  const onRefused = (error: AppCallError) => {
    log.fatal(
      { err: error.message },
      "the app refuses this runner's token (revoked or unknown); register it again",
    );
    void stop(refusedExitCode);
  };

  const jobs = createJobRunner(ctx);
  let poll: PollLoop | undefined;
  let liveCost: LiveCostLoop | undefined;
  const control: Server = await startControlServer(ctx, () => ({
    pid: process.pid,
    runnerId: config.runnerId,
    name: config.name,
    server: config.server,
    version,
    startedAt,
    running: state.running().length,
    capacity: config.capacity,
    pendingEvents: outbox.pending().length,
    ...(poll?.lastPollAt ? { lastPollAt: poll.lastPollAt } : {}),
    ...(poll?.lastError ? { lastError: poll.lastError } : {}),
  }));
  writeFileSync(paths.pidFile, `${process.pid}\n`);

  // Hooks and reports that came while no daemon listened, in the order they happened.
  for (const { file, entries } of drainSpool(paths.hookSpool, log)) {
    const sessionId = file.replace(/\.jsonl$/, "");
    for (const entry of entries) {
      if ("report" in entry)
        reports.selfReport(entry.report.sessionId, entry.report.status, entry.report.message);
      else {
        const payload = claudeHookPayloadSchema.safeParse(parseJsonOrUndefined(entry.hook));
        if (payload.success) reports.hook(sessionId, payload.data);
      }
    }
  }

  const health = startHealthMonitor(ctx, {
    onExit: (session) => {
      void liveCost?.readSession(session);
      poll?.wake();
    },
  });
  const reattached = state.running().length;
  await health.check();
  const delivery = startEventDelivery({ outbox, client, log, onRefused });
  poll = startPollLoop(ctx, client, jobs, onRefused);
  liveCost = startLiveCostLoop(ctx, options.openLiveCost ?? openLiveCost);
  log.info(
    {
      runnerId: config.runnerId,
      server: config.server,
      watching: state.running().length,
      reattached,
      pendingEvents: outbox.pending().length,
    },
    `runner ${config.name} started`,
  );

  function stop(code = 0): Promise<void> {
    stopping ??= (async () => {
      await poll?.stop();
      health.stop();
      liveCost?.stop();
      // Jobs under way finish (their outcome is buffered); then a short chance to deliver what is buffered.
      await Promise.race([jobs.idle(), new Promise((r) => setTimeout(r, 10_000))]);
      await delivery.drained(2_000);
      await delivery.stop();
      await new Promise<void>((resolve) => control.close(() => resolve()));
      rmSync(paths.socket, { force: true });
      rmSync(paths.pidFile, { force: true });
      log.info({ pendingEvents: outbox.pending().length }, "runner stopped");
      finish(code);
    })();
    return stopping;
  }

  return { done, stop: () => stop(0) };
}
