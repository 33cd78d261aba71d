// What the local session commands share: this machine's runner config and data folder, and "ask the daemon if it
// runs, else do it here" so the commands work whether or not the daemon is up.
import pino from "pino";
import { createLogger, type Logger } from "../../src/shared/logger.js";
import { type RunnerPaths, runnerDataDir, runnerPaths } from "../config/paths.js";
import { loadRunnerConfig, type RunnerConfig } from "../config/runner-config.js";
import { JobError } from "../daemon/daemon-context.js";
import { CliError } from "../exit-codes.js";
import { DaemonRefused, DaemonUnreachable } from "./control-client.js";

export interface LocalRunner {
  config: RunnerConfig;
  dataDir: string;
  paths: RunnerPaths;
  /** Logs of commands go to stderr, so stdout stays the command's output. */
  log: Logger;
}

export function localRunner(): LocalRunner {
  const config = loadRunnerConfig();
  const dataDir = runnerDataDir();
  return {
    config,
    dataDir,
    paths: runnerPaths(dataDir),
    log: createLogger(process.env.LOG_LEVEL ?? "warn", pino.destination(2)),
  };
}

/** Runs `viaDaemon`; when no daemon answers, `offline`. Errors become CLI errors with the daemon's words. */
export async function daemonOrOffline<T>(viaDaemon: () => Promise<T>, offline: () => Promise<T>): Promise<T> {
  try {
    return await viaDaemon();
  } catch (error) {
    if (error instanceof DaemonUnreachable) {
      try {
        return await offline();
      } catch (inner) {
        if (inner instanceof JobError) throw new CliError(inner.message);
        throw inner;
      }
    }
    if (error instanceof DaemonRefused) throw new CliError(error.message);
    throw error;
  }
}
