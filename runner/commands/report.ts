// `drover report working|needs-input|done [message]`: how an agent (or a person in its workspace) tells Drover
// how the work is going. It finds its runner and session from the environment the runner gave the agent, or
// from the workspace's .drover/runner.json; when the runner is not running, the report waits in its spool.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Command, CommanderError } from "commander";
import { CliError, exitCodes } from "../exit-codes.js";
import { spoolFileName } from "../hooks/spool-name.js";
import { callDaemon, DaemonRefused, DaemonUnreachable } from "../local/control-client.js";
import type { WorkspaceLink } from "../local/workspace-link.js";

const statuses = ["working", "needs-input", "done"] as const;

export function registerReportCommand(program: Command): void {
  program
    .command("report")
    .description("Tell Drover how the agent's work is going (run inside a session's workspace)")
    .argument("<status>", statuses.join(" | "))
    .argument("[message...]", "what you need or what you did")
    .action(async (status: string, words: string[]) => {
      if (!(statuses as readonly string[]).includes(status))
        throw new CliError(`status must be one of ${statuses.join(", ")}; got "${status}"`, exitCodes.usage);
      const link = await findLink();
      const message = words.join(" ").trim();
      const report = { sessionId: link.sessionId, status, ...(message ? { message } : {}) };
      try {
        await callDaemon(link.socket, "POST", "/v1/report", report, 10_000);
        console.log(`Reported ${status} for session ${link.sessionId}.`);
      } catch (error) {
        if (error instanceof DaemonRefused) throw new CliError(error.message);
        if (!(error instanceof DaemonUnreachable)) throw error;
        const spool = link.spool ?? join(dirname(link.socket), "hook-spool");
        mkdirSync(spool, { recursive: true, mode: 0o700 });
        appendFileSync(
          join(spool, spoolFileName(link.sessionId)),
          `${JSON.stringify({ at: Date.now(), report })}\n`,
        );
        console.log(`The runner is not running; the report is kept and delivered when it starts.`);
      }
    });
}

async function findLink(): Promise<WorkspaceLink> {
  const sessionId = process.env.DROVER_SESSION_ID?.trim();
  const socket = process.env.DROVER_RUNNER_SOCKET?.trim();
  if (sessionId && socket) return { sessionId, socket };
  // Agents the runner started never get here: the link file's schema (zod) is loaded only for the rest.
  const { workspaceLinkFile, workspaceLinkSchema } = await import("../local/workspace-link.js");
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const file = join(dir, workspaceLinkFile);
    if (existsSync(file)) {
      const parsed = workspaceLinkSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
      if (parsed.success) return parsed.data;
      throw new CliError(`${file} is not a runner link file; was it edited by hand?`);
    }
    if (dirname(dir) === dir) break;
  }
  throw new CliError(
    "This is not a Drover workspace: no DROVER_SESSION_ID in the environment and no .drover/runner.json above this folder.",
    exitCodes.usage,
  );
}

/**
 * `drover report` on its own, for the shim agents call: loading only this command starts in a fraction of the
 * time the whole CLI takes, and agents call it in the middle of their work.
 */
export async function runReportCli(argv: string[]): Promise<void> {
  const program = new Command("drover").exitOverride().showHelpAfterError("(run with --help for usage)");
  registerReportCommand(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError)
      process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    else if (error instanceof CliError) {
      console.error(error.message);
      process.exitCode = error.code;
    } else throw error;
  }
}
