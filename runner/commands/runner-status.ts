// `drover runner status`: is the daemon running, does the app answer, how many agents run, what waits to be sent.
import type { Command } from "commander";
import { runnerConfigPath } from "../config/paths.js";
import { openRunnerState } from "../daemon/runner-state.js";
import { callDaemon, DaemonUnreachable } from "../local/control-client.js";
import type { DaemonStatus } from "../local/control-protocol.js";
import { localRunner } from "../local/local-runner.js";

export function registerRunnerStatusCommand(runner: Command): void {
  runner
    .command("status")
    .description(
      "Show whether the daemon runs, whether the app answers, and the agents of this runner (exit 1 when the daemon is down)",
    )
    .option("--json", "print the status as JSON")
    .action(async (options: { json?: boolean }) => {
      const { config, paths } = localRunner();
      let daemon: DaemonStatus | undefined;
      try {
        daemon = await callDaemon<DaemonStatus>(paths.socket, "GET", "/v1/status", undefined, 5_000);
      } catch (error) {
        if (!(error instanceof DaemonUnreachable)) throw error;
      }
      const server = await reachable(config.server);
      const sessions = openRunnerState(paths.state).all();
      const status = {
        runner: { id: config.runnerId, name: config.name, config: runnerConfigPath() },
        server: {
          url: config.server,
          reachable: server.ok,
          ...(server.error ? { error: server.error } : {}),
        },
        daemon: daemon ? { state: "running", ...daemon } : { state: "stopped" },
        repos: config.repos,
        sessions: { running: sessions.filter((s) => s.status === "running").length, total: sessions.length },
      };
      if (options.json) console.log(JSON.stringify(status, null, 2));
      else {
        console.log(`Runner ${config.name} (${config.runnerId})`);
        console.log(
          `App:     ${config.server} — ${server.ok ? "reachable" : `unreachable (${server.error})`}`,
        );
        console.log(
          daemon
            ? `Daemon:  running (pid ${daemon.pid}), ${daemon.running}/${daemon.capacity} agents, ${daemon.pendingEvents} events waiting${daemon.lastError ? `, last error: ${daemon.lastError}` : ""}`
            : "Daemon:  not running (start it with `drover runner start` or `drover runner install`)",
        );
        console.log(
          `Repos:   ${
            Object.entries(config.repos)
              .map(([r, p]) => `${r} → ${p}`)
              .join(", ") || "none"
          }`,
        );
        console.log(`Agents:  ${status.sessions.running} running, ${status.sessions.total} known`);
      }
      if (!daemon) process.exitCode = 1;
    });
}

async function reachable(server: string): Promise<{ ok: boolean; error?: string }> {
  try {
    const res = await fetch(new URL("api/health", `${server}/`), { signal: AbortSignal.timeout(5_000) });
    return res.ok ? { ok: true } : { ok: false, error: `HTTP ${res.status}` };
  } catch (error) {
    return {
      ok: false,
      error: (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message,
    };
  }
}
