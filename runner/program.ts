// The `drover` command tree. Each command lives in runner/commands/ and registers itself here.
import { Command, CommanderError } from "commander";
import { InvalidInputError } from "../src/config/format-issues.js";
import { version } from "../src/shared/version.js";
import { registerConfigCommand } from "./commands/config.js";
import { registerConvoyCommand } from "./commands/convoy.js";
import { registerCostCommand } from "./commands/cost.js";
import { registerReportCommand } from "./commands/report.js";
import { registerRunnerCommand } from "./commands/runner.js";
import { registerServeCommand } from "./commands/serve.js";
import { CliError, exitCodes } from "./exit-codes.js";

export function buildProgram(): Command {
  const program = new Command("drover")
    .description("Hand GitHub and Linear issues to AI coding agents and walk away.")
    .version(version, "-v, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerServeCommand(program);
  registerConfigCommand(program);
  registerCostCommand(program);
  registerConvoyCommand(program);
  registerRunnerCommand(program);
  registerReportCommand(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
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
