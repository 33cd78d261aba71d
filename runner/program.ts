// The `drover` command tree. Each command lives in runner/commands/ and registers itself here.
import { Command, CommanderError } from "commander";
import { InvalidInputError } from "../src/config/format-issues.js";
import { version } from "../src/shared/version.js";
import { CliError, exitCodes } from "./exit-codes.js";

type Register = (program: Command) => void;

/**
 * Every top-level command and where it lives. Only the command being run is loaded, so `drover report` (which
 * agents call mid-work) does not pay for the app server's SDKs; help and unknown commands load them all.
 */
const commands: Record<string, () => Promise<Register>> = {
  serve: async () => (await import("./commands/serve.js")).registerServeCommand,
  config: async () => (await import("./commands/config.js")).registerConfigCommand,
  cost: async () => (await import("./commands/cost.js")).registerCostCommand,
  convoy: async () => (await import("./commands/convoy.js")).registerConvoyCommand,
  runner: async () => (await import("./commands/runner.js")).registerRunnerCommand,
  report: async () => (await import("./commands/report.js")).registerReportCommand,
};

export async function buildProgram(argv: string[] = process.argv): Promise<Command> {
  const program = new Command("drover")
    .description("Hand GitHub and Linear issues to AI coding agents and walk away.")
    .version(version, "-v, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  const name = argv[2];
  const wanted = name !== undefined && Object.hasOwn(commands, name) ? [name] : Object.keys(commands);
  for (const register of await Promise.all(wanted.map((command) => commands[command]!()))) register(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here too, successfully.
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  }
  if (error instanceof CliError) {
    console.error(error.message);
    return error.code;
  }
  if (error instanceof InvalidInputError) {
    console.error(error.message);
    return exitCodes.usage;
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return exitCodes.failure;
}
