// `drover runner start`: the runner daemon in the foreground (what the installed service runs).
import type { Command } from "commander";
import { createLogger } from "../../src/shared/logger.js";
import { runnerDataDir } from "../config/paths.js";
import { loadRunnerConfig } from "../config/runner-config.js";
import { loadRunnerEnv } from "../config/runner-env.js";
import { startDaemon } from "../daemon/daemon.js";
import { JobError } from "../daemon/daemon-context.js";
import { CliError } from "../exit-codes.js";

export function registerRunnerStartCommand(runner: Command): void {
  runner
    .command("start")
    .description(
      "Run the runner daemon in the foreground: poll for jobs, run agents, report (Ctrl-C stops it)",
    )
    .option("--log-level <level>", "trace, debug, info, warn or error", process.env.LOG_LEVEL ?? "info")
    .action(async (options: { logLevel: string }) => {
      const config = loadRunnerConfig();
      const envFile = loadRunnerEnv();
      const log = createLogger(options.logLevel);
      if (envFile) log.info({ file: envFile }, "read variables from runner.env");
      let daemon: Awaited<ReturnType<typeof startDaemon>>;
      try {
        daemon = await startDaemon({ config, dataDir: runnerDataDir(), log });
      } catch (error) {
        if (error instanceof JobError) throw new CliError(error.message);
        throw error;
      }
      const stop = (signal: string) => {
        log.info({ signal }, "stopping");
        void daemon.stop();
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      const code = await daemon.done;
      // Idle keep-alive sockets and the like must not keep a stopped daemon alive.
      process.exit(code);
    });
}
