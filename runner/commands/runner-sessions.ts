// `drover runner sessions | send | kill | wipe`: this machine's agents, through the daemon when it runs and
// directly otherwise (what changes is reported to the app once the daemon runs).
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { sessionSummary, sessionsForIssue } from "../daemon/control-server.js";
import { runtimeFor } from "../daemon/daemon-context.js";
import { killAgent, sendMessage, wipeSession } from "../daemon/jobs/session-jobs.js";
import { openRunnerState } from "../daemon/runner-state.js";
import { CliError, exitCodes } from "../exit-codes.js";
import { callDaemon } from "../local/control-client.js";
import type { SessionSummary } from "../local/control-protocol.js";
import { daemonOrOffline, localRunner } from "../local/local-runner.js";
import { offlineContext } from "../local/offline-context.js";

export function registerRunnerSessionCommands(runner: Command): void {
  runner
    .command("sessions")
    .description("List the agents this runner runs or ran")
    .option("--json", "print them as JSON")
    .action(async (options: { json?: boolean }) => {
      const { config, dataDir, paths, log } = localRunner();
      const sessions = await daemonOrOffline(
        async () =>
          (await callDaemon<{ sessions: SessionSummary[] }>(paths.socket, "GET", "/v1/sessions")).sessions,
        async () => {
          // No daemon: ask the runtimes directly whether the agents still live.
          const ctx = offlineContext(config, dataDir, log);
          const all = ctx.state.all();
          const alive = await Promise.all(
            all.map(async (s) => (await runtimeFor(ctx, s.handle).statuses([s.handle]))[0]),
          );
          return all.map(
            (s, i) =>
              ({
                ...sessionSummary(s),
                status: s.status === "running" && alive[i]?.alive ? "running" : "exited",
              }) as SessionSummary,
          );
        },
      );
      if (options.json) return console.log(JSON.stringify(sessions, null, 2));
      if (sessions.length === 0) return console.log("No sessions on this runner.");
      for (const s of sessions) {
        const status =
          s.status === "running"
            ? "running"
            : `exited${s.exitCode === undefined || s.exitCode === null ? "" : ` (${s.exitCode})`}`;
        console.log(
          `${s.sessionId}  ${s.repo}#${s.issueKey}  ${s.agent}  ${status}  ${s.branch}  ${s.workspace}`,
        );
      }
    });

  runner
    .command("send")
    .description("Type a message into a session's agent (and make sure it is submitted)")
    .argument("<session>", "the session id (see `drover runner sessions`)")
    .argument("[message...]", "the message; omit it and use --file to send a file's text")
    .option("--file <path>", "send the text of this file ('-' for stdin)")
    .action(async (sessionId: string, words: string[], options: { file?: string }) => {
      const message = options.file
        ? readFileSync(options.file === "-" ? 0 : options.file, "utf8")
        : words.join(" ");
      if (!message.trim()) throw new CliError("Nothing to send: give a message or --file.", exitCodes.usage);
      const { config, dataDir, paths, log } = localRunner();
      const note = await daemonOrOffline(
        async () =>
          (
            await callDaemon<{ note: string }>(
              paths.socket,
              "POST",
              `/v1/sessions/${encodeURIComponent(sessionId)}/send`,
              { message },
            )
          ).note,
        async () => sendMessage(offlineContext(config, dataDir, log), known(sessionId, paths.state), message),
      );
      console.log(note);
    });

  runner
    .command("kill")
    .description("Stop a session's agent; its workspace stays")
    .argument("<session>", "the session id")
    .action(async (sessionId: string) => {
      const { config, dataDir, paths, log } = localRunner();
      const note = await daemonOrOffline(
        async () =>
          (
            await callDaemon<{ note: string }>(
              paths.socket,
              "POST",
              `/v1/sessions/${encodeURIComponent(sessionId)}/kill`,
              {},
            )
          ).note,
        async () => killAgent(offlineContext(config, dataDir, log), known(sessionId, paths.state)),
      );
      console.log(note);
    });

  runner
    .command("wipe")
    .description(
      "Stop an issue's agents and forget them here; --workspace also removes their worktree and branch",
    )
    .argument("<issue>", 'the issue: "42", "owner/name#42", or a session id')
    .option("--workspace", "also remove the workspace and its local branch")
    .action(async (issue: string, options: { workspace?: boolean }) => {
      const { config, dataDir, paths, log } = localRunner();
      const workspace = options.workspace ?? false;
      const note = await daemonOrOffline(
        async () =>
          (await callDaemon<{ note: string }>(paths.socket, "POST", "/v1/wipe", { issue, workspace })).note,
        async () => {
          const ctx = offlineContext(config, dataDir, log);
          const matching = sessionsForIssue(ctx.state.all(), issue);
          if (matching.length === 0) throw new CliError(`This runner has no session for issue ${issue}.`);
          const notes: string[] = [];
          for (const s of matching)
            notes.push(`${s.sessionId}: ${await wipeSession(ctx, s.sessionId, workspace)}`);
          return notes.join("\n");
        },
      );
      console.log(note);
    });
}

function known(sessionId: string, stateFile: string): string {
  if (!openRunnerState(stateFile).get(sessionId))
    throw new CliError(`This runner has no session ${sessionId}; \`drover runner sessions\` lists them.`);
  return sessionId;
}
