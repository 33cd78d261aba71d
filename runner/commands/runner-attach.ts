// `drover runner attach <session>`: opens the agent's terminal (tmux), or with --print shows its screen.
import { spawnSync } from "node:child_process";
import type { Command } from "commander";
import { sessionSummary } from "../daemon/control-server.js";
import { runtimeFor } from "../daemon/daemon-context.js";
import { CliError, exitCodes } from "../exit-codes.js";
import { callDaemon } from "../local/control-client.js";
import { daemonOrOffline, localRunner } from "../local/local-runner.js";
import { offlineContext } from "../local/offline-context.js";

export function registerRunnerAttachCommand(runner: Command): void {
  runner
    .command("attach")
    .description("Open a session's agent terminal (detach with Ctrl-b d); --print shows its screen instead")
    .argument("<session>", "the session id (see `drover runner sessions`)")
    .option("--print", "print what the agent's terminal shows now, and exit")
    .option("--lines <n>", "with --print: how many lines", "50")
    .action(async (sessionId: string, options: { print?: boolean; lines: string }) => {
      const { config, dataDir, paths, log } = localRunner();
      const ctx = offlineContext(config, dataDir, log);
      const session = ctx.state.get(sessionId);
      if (!session)
        throw new CliError(`This runner has no session ${sessionId}; \`drover runner sessions\` lists them.`);
      if (options.print) {
        const lines = Number(options.lines) || 50;
        const screen = await daemonOrOffline(
          async () =>
            (
              await callDaemon<{ lines: string[] }>(
                paths.socket,
                "GET",
                `/v1/sessions/${encodeURIComponent(sessionId)}/screen?lines=${lines}`,
              )
            ).lines,
          () => runtimeFor(ctx, session.handle).capture(session.handle, lines),
        );
        console.log(screen.join("\n"));
        return;
      }
      const attach = sessionSummary(session).attach;
      if (!attach)
        throw new CliError(
          `Session ${sessionId} runs as a process, without a terminal; use --print to see its output.`,
        );
      if (!process.stdin.isTTY)
        throw new CliError("attach needs a terminal; run it in one, or use --print.", exitCodes.usage);
      const result = spawnSync(attach[0]!, attach.slice(1), { stdio: "inherit" });
      process.exitCode = result.status ?? 1;
    });
}
